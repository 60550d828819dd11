"""A live dialogue over real WebSockets against the app in its own process."""

import json

import pytest

from ledertrivsel.dialogues.consumers import FACILITATOR_ACTIONS, PARTICIPANT_ACTIONS
from ledertrivsel.dialogues.models import Dialogue, Dot, Pick

from .conftest import server_for_test_database


def move_to(screen, dialogue, kind):
    dialogue.refresh_from_db()
    while dialogue.step_kind != kind:
        screen.send(action="go", direction="1")
        screen.wait_for(r'id="screen-controls"')
        dialogue.refresh_from_db()


def test_a_pick_on_a_phone_reaches_the_shared_screen_and_the_other_phones(world):
    _, anna = world.join("Anna")
    _, bo = world.join("Bo")
    screen = world.screen()
    move_to(screen, world.dialogue, "pick")
    anna.send(action="pick", card="maal")
    assert "1 af 2 har valgt et kort." in screen.wait_for(r"1 af 2 har valgt")
    assert "1 af 2 har valgt et kort." in bo.wait_for(r"1 af 2 har valgt")
    assert 'aria-pressed="true" id="pick-maal"' in anna.wait_for(r'aria-pressed="true" id="pick-maal"')
    assert Pick.objects.get(participant__name="Anna").card.key == "maal"


def test_the_screen_shows_who_has_picked_but_not_what_until_the_reveal(world):
    _, anna = world.join("Anna")
    screen = world.screen()
    move_to(screen, world.dialogue, "pick")
    anna.send(action="pick", card="sygefravaer")
    before = screen.wait_for(r"1 af 1 har valgt")
    assert "✓ har valgt" in before and "card--picked" not in before and 'class="chip"' not in before
    screen.send(action="reveal")
    after = screen.wait_for(r"Valgene er vist")
    assert "card--picked" in after and '<span class="chip">Anna</span>' in after


def test_a_phone_that_reconnects_gets_the_same_state(world):
    client, anna = world.join("Anna")
    screen = world.screen()
    move_to(screen, world.dialogue, "pick")
    anna.send(action="pick", card="mening")
    anna.wait_for(r'aria-pressed="true" id="pick-mening"')
    anna.send(action="reason", reason="Vi skal kunne forklare forandringerne.")
    anna.wait_for(r"Vi skal kunne forklare forandringerne")
    anna.close()
    again = world.phone(client)
    assert 'aria-pressed="true" id="pick-mening"' in again.first
    assert "Vi skal kunne forklare forandringerne." in again.first
    assert "Trin 2 af 5" in again.first


def test_a_server_restart_in_the_middle_of_a_dialogue_loses_nothing(world, tmp_path):
    server = server_for_test_database(tmp_path).start()
    world.server = server
    try:
        client, anna = world.join("Anna")
        screen = world.screen()
        move_to(screen, world.dialogue, "prioritise")
        for card, left in (("maal", "2 prikker"), ("maal", "1 prik"), ("support", "0 prikker")):
            anna.send(action="dot", card=card)
            anna.wait_for(f"Du har {left} tilbage")
        server.kill()  # no clean shutdown
        server.start()
        again = world.phone(client)
        assert "Du har 0 prikker tilbage" in again.first
        screen = world.screen()
        assert "Trin 4 af 5" in screen.first and "3 af 3 prikker er sat." in screen.first
        assert Dot.objects.filter(participant__name="Anna").count() == 3
    finally:
        server.stop()


@pytest.mark.parametrize("action", sorted(set(FACILITATOR_ACTIONS) - set(PARTICIPANT_ACTIONS)))
def test_a_participant_is_refused_every_facilitator_control(world, action):
    _, anna = world.join("Anna")
    version = Dialogue.objects.get(pk=world.dialogue.pk).version
    anna.send(action=action, direction="1", locked="1", delta="1", chosen_only="1", cards=["maal"], card="maal", participant="1", name="X")
    assert anna.error() == "Det kan kun tovholderen gøre."
    assert Dialogue.objects.get(pk=world.dialogue.pk).version == version


def test_a_participant_cannot_open_the_shared_screen_or_another_dialogues_phone(world):
    from websockets.exceptions import InvalidStatus

    from .conftest import Socket

    client, _ = world.join("Anna")
    cookie = client.cookies["sessionid"].value
    for path in (f"/ws/dialoger/{world.dialogue.pk}/screen/", f"/ws/dialoger/{world.dialogue.pk + 999}/phone/"):
        with pytest.raises((InvalidStatus, Exception)) as refused:
            Socket(world.server, path, cookie)
        assert "403" in str(refused.value) or "4403" in str(refused.value)


@pytest.mark.parametrize(
    "message",
    ["not json", "[1, 2, 3]", '{"card": "maal"}', '{"action": 42}', '{"action": "explode"}', json.dumps({"action": "pick", "card": "x" * 20000})],
    ids=["text", "list", "no-action", "number", "unknown", "too-large"],
)
def test_a_malformed_message_gets_a_clear_message_and_changes_nothing(world, message):
    _, anna = world.join("Anna")
    screen = world.screen()
    move_to(screen, world.dialogue, "pick")
    version = Dialogue.objects.get(pk=world.dialogue.pk).version
    anna.send_raw(message)
    assert anna.error() in (
        "Beskeden kunne ikke forstås. Genindlæs siden, og prøv igen.",
        "Det kan ikke lade sig gøre her.",
    )
    assert Dialogue.objects.get(pk=world.dialogue.pk).version == version
    assert not Pick.objects.exists()


def test_ids_from_another_dialogue_are_refused_over_the_socket(world):
    from ledertrivsel.dialogues import actions

    other = actions.create_dialogue(user=world.user, organisation=world.organisation, tool=world.dialogue.tool, title="Anden", minutes=30, anonymous=False)
    stranger = actions.add_person_without_device(actions.Actor(user_id=world.user.pk), other.pk, "Fremmed")
    _, anna = world.join("Anna")
    screen = world.screen()
    move_to(screen, world.dialogue, "pick")
    screen.send(action="pick", card="maal", participant=str(stranger.pk))
    assert screen.error() == "Den person er ikke med i dialogen."
    anna.send(action="pick", card="maal", participant=str(stranger.pk))
    assert anna.error() == "Du kan kun ændre dine egne valg."
    screen.send(action="remove", participant=str(stranger.pk))
    assert screen.error() == "Den person er ikke med i dialogen."
    assert not Pick.objects.exists()


def test_a_removed_participant_is_told_and_loses_the_connection(world):
    client, anna = world.join("Anna")
    screen = world.screen()
    participant_id = client.session["participations"][str(world.dialogue.pk)]
    screen.send(action="remove", participant=str(participant_id))
    assert "Tovholderen har taget dig ud af dialogen." in anna.wait_for(r"taget dig ud")
    with pytest.raises(Exception):
        anna.connection.recv(timeout=5)


def test_an_anonymous_dialogue_shows_picks_without_names_and_says_so_on_the_phone(world):
    Dialogue.objects.filter(pk=world.dialogue.pk).update(anonymous=True)
    client, anna = world.join("Anna")
    page = client.get(f"/d/{world.dialogue.code}/mig/").content.decode()
    assert "Anonym dialog." in page
    screen = world.screen()
    move_to(screen, world.dialogue, "pick")
    anna.send(action="pick", card="maal")
    anna.wait_for(r'id="phone-main"')
    screen.send(action="reveal")
    revealed = screen.wait_for(r"card--picked")
    assert "1 valg" in revealed and '<span class="chip">Anna</span>' not in revealed
