"""The rules of a live dialogue, as the people in it meet them: what is allowed, and what is refused with which message."""

import datetime

import pytest
from django.utils import timezone

from ledertrivsel.content.models import Tool
from ledertrivsel.dialogues import actions
from ledertrivsel.dialogues.actions import DialogueError
from ledertrivsel.dialogues.models import JOIN_CODE_ALPHABET, Dialogue, Dot, NextStep, Pick

from .conftest import go_to, join


def refused(message_part: str, function, *args, **kwargs):
    with pytest.raises(DialogueError) as raised:
        function(*args, **kwargs)
    assert message_part in raised.value.message, raised.value.message
    return raised.value.message


# --- Joining --------------------------------------------------------------------------------


def test_a_join_code_is_six_characters_without_look_alikes(dialogue):
    assert len(dialogue.code) == 6
    assert set(dialogue.code) <= set(JOIN_CODE_ALPHABET)
    assert not set("01OIL") & set(JOIN_CODE_ALPHABET)


def test_joining_takes_a_name_and_forgives_case_and_spaces_in_the_code(dialogue):
    participant = actions.join(f" {dialogue.code.lower()} ", "  Anna   Berg ")
    assert participant.name == "Anna Berg"
    assert participant.dialogue == dialogue


def test_an_unknown_code_is_refused(dialogue):
    refused("Der er ingen dialog med koden ZZZZZZ", actions.join, "ZZZZZZ", "Anna")


def test_an_ended_dialogue_cannot_be_joined(dialogue, host):
    actions.end_dialogue(host, dialogue.pk)
    refused("er afsluttet", actions.join, dialogue.code, "Anna")


@pytest.mark.parametrize("name", ["", "   ", "\x00\x07"])
def test_an_empty_name_is_refused(dialogue, name):
    refused("Skriv dit navn", actions.join, dialogue.code, name)


def test_a_name_over_60_characters_is_refused(dialogue):
    refused("højst have 60 tegn, og dette har 61", actions.join, dialogue.code, "A" * 61)
    assert actions.join(dialogue.code, "A" * 60)


def test_a_name_already_in_the_dialogue_is_refused_whatever_its_case(dialogue):
    join(dialogue, "Anna")
    refused("der hedder ANNA", actions.join, dialogue.code, "ANNA")


def test_a_removed_participants_name_can_be_used_again(dialogue, host):
    anna, _ = join(dialogue, "Anna")
    actions.remove_participant(host, dialogue.pk, anna.pk)
    assert actions.join(dialogue.code, "Anna")


# --- Picks and reasons ----------------------------------------------------------------------


def test_a_pick_can_change_until_the_reveal_and_not_after(dialogue, host):
    anna, as_anna = join(dialogue, "Anna")
    go_to(host, dialogue, "pick")
    actions.pick(as_anna, dialogue.pk, "maal")
    actions.pick(as_anna, dialogue.pk, "onboarding")
    assert Pick.objects.get(participant=anna).card.key == "onboarding"
    actions.reveal(host, dialogue.pk)
    refused("Valgene er vist", actions.pick, as_anna, dialogue.pk, "maal")
    assert Pick.objects.get(participant=anna).card.key == "onboarding"


def test_a_pick_outside_the_pick_step_is_refused(dialogue):
    _, as_anna = join(dialogue, "Anna")
    refused("ikke lade sig gøre i dette trin", actions.pick, as_anna, dialogue.pk, "maal")
    assert not Pick.objects.exists()


def test_a_locked_step_takes_no_picks(dialogue, host):
    _, as_anna = join(dialogue, "Anna")
    go_to(host, dialogue, "pick")
    actions.set_locked(host, dialogue.pk, True)
    refused("har låst trinnet", actions.pick, as_anna, dialogue.pk, "maal")
    actions.set_locked(host, dialogue.pk, False)
    actions.pick(as_anna, dialogue.pk, "maal")


def test_a_card_from_another_tool_is_refused(dialogue, host):
    _, as_anna = join(dialogue, "Anna")
    go_to(host, dialogue, "pick")
    other_deck_key = Tool.objects.get(number=2).cards.exclude(key__in=dialogue.tool.cards.values("key")).first().key
    refused("ikke med i dialogens kortbunke", actions.pick, as_anna, dialogue.pk, other_deck_key)


def test_a_participant_cannot_pick_for_someone_else(dialogue, host):
    _, as_anna = join(dialogue, "Anna")
    bo, _ = join(dialogue, "Bo")
    go_to(host, dialogue, "pick")
    refused("kun ændre dine egne valg", actions.pick, as_anna, dialogue.pk, "maal", participant_id=bo.pk)


def test_a_reason_over_500_characters_is_refused_and_nothing_is_lost(dialogue, host):
    anna, as_anna = join(dialogue, "Anna")
    go_to(host, dialogue, "pick")
    actions.pick(as_anna, dialogue.pk, "maal")
    actions.save_reason(as_anna, dialogue.pk, "Fordi målene er uklare.")
    refused("højst have 500 tegn, og denne har 501", actions.save_reason, as_anna, dialogue.pk, "x" * 501)
    assert Pick.objects.get(participant=anna).reason == "Fordi målene er uklare."


def test_a_reason_needs_a_pick_first(dialogue, host):
    _, as_anna = join(dialogue, "Anna")
    go_to(host, dialogue, "pick")
    refused("Vælg et kort først", actions.save_reason, as_anna, dialogue.pk, "Fordi")


def test_moving_on_from_the_pick_step_reveals_the_picks(dialogue, host):
    go_to(host, dialogue, "pick")
    actions.go_to_stage(host, dialogue.pk, "1")
    dialogue.refresh_from_db()
    assert dialogue.step_kind == "reasons" and dialogue.revealed


def test_the_round_goes_through_everyone_who_picked(dialogue, host):
    for name, key in (("Anna", "maal"), ("Bo", "mening")):
        _, actor = join(dialogue, name)
        go_to(host, dialogue, "pick")
        actions.pick(actor, dialogue.pk, key)
    go_to(host, dialogue, "reasons")
    actions.move_round(host, dialogue.pk, "1")
    refused("ikke flere i runden", actions.move_round, host, dialogue.pk, "1")
    dialogue.refresh_from_db()
    assert dialogue.round_position == 1


# --- Dots and themes ------------------------------------------------------------------------


def test_three_dots_and_not_a_fourth(dialogue, host):
    anna, as_anna = join(dialogue, "Anna")
    go_to(host, dialogue, "prioritise")
    for key in ("maal", "maal", "mening"):
        actions.add_dot(as_anna, dialogue.pk, key)
    refused("brugt alle dine 3 prikker", actions.add_dot, as_anna, dialogue.pk, "support")
    actions.remove_dot(as_anna, dialogue.pk, "maal")
    actions.add_dot(as_anna, dialogue.pk, "support")
    assert sorted(Dot.objects.filter(participant=anna).values_list("card__key", flat=True)) == ["maal", "mening", "support"]


def test_removing_a_dot_that_is_not_there_is_refused(dialogue, host):
    _, as_anna = join(dialogue, "Anna")
    go_to(host, dialogue, "prioritise")
    refused("ingen prik på det kort", actions.remove_dot, as_anna, dialogue.pk, "maal")


def test_dots_only_on_picked_cards_when_the_facilitator_says_so(dialogue, host):
    _, as_anna = join(dialogue, "Anna")
    go_to(host, dialogue, "pick")
    actions.pick(as_anna, dialogue.pk, "maal")
    go_to(host, dialogue, "prioritise")
    actions.set_dot_scope(host, dialogue.pk, True)
    refused("kun sættes på de kort, der er blevet valgt", actions.add_dot, as_anna, dialogue.pk, "support")
    actions.add_dot(as_anna, dialogue.pk, "maal")
    refused("Der er allerede sat prikker", actions.set_dot_scope, host, dialogue.pk, False)


@pytest.mark.parametrize("keys", [[], ["maal", "mening", "support", "onboarding"]])
def test_one_to_three_themes_are_confirmed(dialogue, host, keys):
    go_to(host, dialogue, "prioritise")
    refused("Vælg 1-3 temaer", actions.confirm_themes, host, dialogue.pk, keys)


def test_confirmed_themes_get_a_draft_action_card_each(dialogue, host):
    go_to(host, dialogue, "prioritise")
    refused("Bekræft 1-3 temaer", actions.go_to_stage, host, dialogue.pk, "1")
    actions.confirm_themes(host, dialogue.pk, ["mening", "maal"])
    assert list(dialogue.themes.values_list("card__key", "position")) == [("mening", 1), ("maal", 2)]
    assert sorted(NextStep.objects.filter(dialogue=dialogue).values_list("card__key", flat=True)) == ["maal", "mening"]


def test_an_action_card_is_saved_and_a_past_deadline_refused(dialogue, host):
    go_to(host, dialogue, "prioritise")
    actions.confirm_themes(host, dialogue.pk, ["maal"])
    go_to(host, dialogue, "next_steps")
    deadline = timezone.localdate() + datetime.timedelta(days=60)
    actions.save_next_step(host, dialogue.pk, "maal", {"why": "Uklare mål", "actions": "Workshop\nMålbillede", "deadline": deadline.isoformat(), "responsible": "Direktionen"})
    draft = NextStep.objects.get(dialogue=dialogue)
    assert (draft.why, draft.actions, draft.deadline, draft.responsible) == ("Uklare mål", "Workshop\nMålbillede", deadline, "Direktionen")
    refused("er allerede passeret", actions.save_next_step, host, dialogue.pk, "maal", {"deadline": "2020-01-01"})
    refused("Skriv en gyldig dato", actions.save_next_step, host, dialogue.pk, "maal", {"deadline": "i morgen"})
    draft.refresh_from_db()
    assert draft.why == "Uklare mål"


# --- The facilitator's controls -------------------------------------------------------------

FACILITATOR_CONTROLS = [
    (actions.go_to_stage, ("1",)),
    (actions.reveal, ()),
    (actions.set_locked, (True,)),
    (actions.move_round, ("1",)),
    (actions.set_dot_scope, (True,)),
    (actions.confirm_themes, (["maal"],)),
    (actions.save_next_step, ("maal", {})),
    (actions.remove_participant, (1,)),
    (actions.add_person_without_device, ("Gæst",)),
    (actions.end_dialogue, ()),
]


@pytest.mark.parametrize(("control", "arguments"), FACILITATOR_CONTROLS, ids=[c.__name__ for c, _ in FACILITATOR_CONTROLS])
def test_a_participant_cannot_use_the_facilitators_controls(dialogue, control, arguments):
    _, as_anna = join(dialogue, "Anna")
    version = type(dialogue).objects.get(pk=dialogue.pk).version
    refused("Det kan kun tovholderen gøre", control, as_anna, dialogue.pk, *arguments)
    assert type(dialogue).objects.get(pk=dialogue.pk).version == version


def test_an_ended_dialogue_is_read_only(dialogue, host):
    _, as_anna = join(dialogue, "Anna")
    go_to(host, dialogue, "pick")
    actions.end_dialogue(host, dialogue.pk)
    refused("er afsluttet", actions.pick, as_anna, dialogue.pk, "maal")
    refused("er afsluttet", actions.go_to_stage, host, dialogue.pk, "1")
    refused("er afsluttet", actions.add_person_without_device, host, dialogue.pk, "Gæst")


def test_removing_a_participant_deletes_their_pick_and_dots(dialogue, host):
    anna, as_anna = join(dialogue, "Anna")
    go_to(host, dialogue, "pick")
    actions.pick(as_anna, dialogue.pk, "maal")
    actions.remove_participant(host, dialogue.pk, anna.pk)
    assert not Pick.objects.filter(participant=anna).exists()
    refused("ikke med i dialogen", actions.pick, as_anna, dialogue.pk, "maal")


def test_a_removed_participant_can_neither_place_nor_take_off_dots(dialogue, host):
    anna, as_anna = join(dialogue, "Anna")
    go_to(host, dialogue, "prioritise")
    actions.add_dot(as_anna, dialogue.pk, "maal")
    actions.remove_participant(host, dialogue.pk, anna.pk)
    version = Dialogue.objects.get(pk=dialogue.pk).version
    refused("ikke med i dialogen", actions.add_dot, as_anna, dialogue.pk, "maal")
    refused("ikke med i dialogen", actions.remove_dot, as_anna, dialogue.pk, "maal")
    assert not Dot.objects.exists()
    assert Dialogue.objects.get(pk=dialogue.pk).version == version  # the refusals rolled back their bump


# --- A room without devices -----------------------------------------------------------------


def test_the_facilitator_records_for_people_at_the_table_but_not_for_people_with_phones(dialogue, host):
    carl = actions.add_person_without_device(host, dialogue.pk, "Carl")
    anna, _ = join(dialogue, "Anna")
    go_to(host, dialogue, "pick")
    actions.pick(host, dialogue.pk, "maal", participant_id=carl.pk)
    actions.save_reason(host, dialogue.pk, "Han sagde det højt", participant_id=carl.pk)
    refused("deltager fra sin egen enhed", actions.pick, host, dialogue.pk, "maal", participant_id=anna.pk)
    go_to(host, dialogue, "prioritise")
    actions.add_dot(host, dialogue.pk, "maal", participant_id=carl.pk)
    pick = Pick.objects.get(participant=carl)
    assert (pick.card.key, pick.reason) == ("maal", "Han sagde det højt")
    assert Dot.objects.filter(participant=carl).count() == 1


def test_an_id_from_another_dialogue_is_refused(dialogue, host, facilitator, organisation):
    other = actions.create_dialogue(user=facilitator, organisation=organisation, tool=dialogue.tool, title="Anden", minutes=30, anonymous=False)
    stranger = actions.add_person_without_device(host, other.pk, "Fremmed")
    go_to(host, dialogue, "pick")
    refused("ikke med i dialogen", actions.pick, host, dialogue.pk, "maal", participant_id=stranger.pk)
    refused("ikke med i dialogen", actions.remove_participant, host, dialogue.pk, stranger.pk)
    assert not Pick.objects.exists()
