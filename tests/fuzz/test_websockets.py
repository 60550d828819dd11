"""Random messages over a real WebSocket to the app in its own process, from a participant's
phone and from the facilitator's screen: text that is not JSON, JSON of the wrong shape,
unknown actions, ids of another dialogue or organisation, huge and deeply nested values,
control characters, numbers out of range, binary frames.

Every message must get a clear reply (a Danish message, or the empty one that means it was
done) or a close with a proper code, never a crash; another organisation's dialogue must stay
as it was, and the sender's own dialogue may change only as a valid action changes it.
"""

import json
import re
import urllib.request

import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.test import Client
from hypothesis import example, given, settings
from hypothesis import strategies as st
from websockets.exceptions import ConnectionClosed

from ledertrivsel.content.cache import tool_content
from ledertrivsel.dialogues import actions as dialogue_actions
from ledertrivsel.dialogues.consumers import FACILITATOR_ACTIONS
from ledertrivsel.dialogues.models import Dialogue, Dot, NextStep, Participant, Pick, PrioritisedTheme
from ledertrivsel.lib.text import clean_line, clean_text
from tests.live.conftest import Socket, live_server_process  # noqa: F401 (a fixture)
from tests.servers import HttpSession

from .strategies import SPECIAL, nasty_text, number_text
from .test_forms import _DANISH
from .world import PASSWORD, Org, assert_unchanged, build_organisation, snapshot

EXAMPLES = 50
# Normal closes, and the app's own refusals (44xx); 1011 is what a crashed consumer gets.
PROPER_CLOSE_CODES = {1000, 1001, 1008, 1009} | set(range(4000, 5000))


@pytest.fixture
def live(transactional_db, live_server_process):  # noqa: F811
    """Two organisations saved where the app's process sees them, and a second dialogue in the
    home organisation, whose ids the messages also try."""
    home, other = build_organisation("Testkommune", "testkommune"), build_organisation("Nabokommune", "nabokommune")
    neighbour = dialogue_actions.create_dialogue(
        user=home.facilitator, organisation=home.organisation, tool=home.dialogue.tool, title="Naboen", minutes=30, anonymous=False
    )
    stranger = dialogue_actions.join(neighbour.code, "Fremmed")
    _move_to(other, "pick")
    dialogue_actions.pick(dialogue_actions.Actor(participant_id=other.participants[0].pk), other.dialogue.pk, "maal")
    return home, other, neighbour, stranger, live_server_process


def _move_to(org: Org, kind: str):
    host = dialogue_actions.Actor(user_id=org.facilitator.pk)
    dialogue = Dialogue.objects.get(pk=org.dialogue.pk)
    while dialogue.step_kind != kind:
        dialogue_actions.go_to_stage(host, dialogue.pk, "1")
        dialogue.refresh_from_db()


# --- What is sent --------------------------------------------------------------------------------


def _values(ids: list[int], cards: list[str]) -> st.SearchStrategy:
    """A value for any key: a real id or card key, one of another dialogue, or anything at all."""
    scalars = st.one_of(
        st.sampled_from(ids + cards), st.sampled_from([str(value) for value in ids]), nasty_text(), number_text(),
        st.integers(min_value=-(2**80), max_value=2**80), st.floats(), st.booleans(), st.none(),
    )
    return st.recursive(scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4), max_leaves=8)


def _json_messages(ids, cards) -> st.SearchStrategy[dict]:
    keys = ["card", "participant", "reason", "direction", "locked", "delta", "chosen_only", "cards", "plan_action", "status",
            "name", "action_id", *NextStep.TEXT_FIELDS, *NextStep.LINE_FIELDS, *NextStep.DATE_FIELDS]
    # "end" is left out: once a dialogue has ended, every later message is refused the same way.
    actions = st.sampled_from(sorted(set(FACILITATOR_ACTIONS) - {"end"})) | nasty_text() | st.integers()
    return st.fixed_dictionaries({"action": actions}, optional={key: _values(ids, cards) for key in keys})


def _nested(depth: int) -> str:
    return '{"action": "pick", "card": ' + "[" * depth + "]" * depth + "}"


def frames(ids: list[int], cards: list[str]) -> st.SearchStrategy[str | bytes]:
    """One WebSocket frame: mostly JSON messages, some garbage."""
    as_json = _json_messages(ids, cards)
    return st.one_of(
        as_json.map(lambda message: json.dumps(message, ensure_ascii=False)),
        as_json.map(json.dumps),
        st.integers(min_value=1, max_value=20_000).map(_nested),
        _values(ids, cards).map(lambda value: json.dumps(value, ensure_ascii=False)),
        nasty_text(),
        SPECIAL,
        st.sampled_from(['{"action": "remove", "participant": Infinity}', '{"action": "pick", "card": 1e999}', '{"action": "go", "direction": -Infinity}']),
        st.binary(max_size=2_000),
    )


# Frames that once crashed the consumer or came close, always sent first so they stay fixed.
FOUND = [
    _nested(5_000),  # RecursionError in json.loads: the socket was dropped without a close frame
    '{"action": "remove", "participant": Infinity}',
    '{"action": "action_status", "plan_action": 1e999, "status": "done"}',
    '{"action": "dot", "card": "maal", "participant": -Infinity}',
    '{"action": "round", "delta": NaN}',
    b"\x00\xff",
]


def with_found_examples(test):
    for frame in FOUND:
        test = example(frame=frame)(test)
    return test


# --- Sending and reading the reply -------------------------------------------------------------


class Connection:
    """A screen's or a phone's socket that is opened again when the app closes it properly."""

    def __init__(self, server, path: str, cookie: str):
        self.server, self.path, self.cookie = server, path, cookie
        self.socket = Socket(server, path, cookie)

    def send(self, frame: str | bytes) -> str | None:
        """The reply to `frame`: the text of its message ("" when it was done), or None when
        the app closed the connection with a proper code."""
        try:
            self.socket.connection.send(frame)
            reply = self.socket.wait_for(r'id="live-error"', timeout=15)
        except ConnectionClosed as closed:
            code = closed.rcvd.code if closed.rcvd else None
            assert code in PROPER_CLOSE_CODES, f"the app closed the socket with code {code}: it crashed on {frame!r:.300}"
            self.socket = Socket(self.server, self.path, self.cookie)
            return None
        match = re.search(r'id="live-error"[^>]*>(.*?)</div>', reply, re.S)
        return " ".join(re.sub(r"<[^>]+>", " ", match.group(1)).split())

    def close(self):
        try:
            self.socket.close()
        except Exception:
            pass


def _assert_app_still_answers(server):
    assert urllib.request.urlopen(server.url + "/", timeout=10).status == 200


def _assert_clear(reply: str | None, frame):
    if reply:
        assert _DANISH.search(reply), f"a reply that is not Danish: {reply!r} to {frame!r:.300}"


def _without_version(rows: dict) -> dict:
    """The home organisation's rows with the dialogues' version left out: every accepted action moves it on."""
    return {**rows, "dialogues.Dialogue": [{**row, "version": None} for row in rows["dialogues.Dialogue"]]}


def _own_rows(rows: dict, participant_id: int) -> dict:
    """The rows without one participant's own picks and dots: what that participant can change."""
    theirs = {"dialogues.Pick", "dialogues.Dot"}
    return {label: [row for row in found if not (label in theirs and row["participant_id"] == participant_id)] for label, found in rows.items()}


def _assert_valid_dialogue(dialogue_id: int):
    """What any sequence of valid actions leaves behind."""
    dialogue = Dialogue.objects.get(pk=dialogue_id)
    deck = {card.pk for card in tool_content(dialogue.tool_id).cards}
    assert 0 <= dialogue.stage <= len(dialogue.steps())
    assert PrioritisedTheme.objects.filter(dialogue=dialogue).count() <= Dialogue.MAX_THEMES
    for person in Participant.objects.filter(dialogue=dialogue):
        assert person.name == clean_line(person.name) and 0 < len(person.name) <= Dialogue.NAME_MAX, person.name
        picks = Pick.objects.filter(participant=person)
        assert picks.count() <= 1 and all(pick.card_id in deck and pick.dialogue_id == dialogue_id for pick in picks)
        assert all(pick.reason == clean_text(pick.reason) and len(pick.reason) <= Dialogue.REASON_MAX for pick in picks)
        dots = Dot.objects.filter(participant=person)
        assert dots.count() <= Dialogue.DOTS_PER_PARTICIPANT and all(dot.card_id in deck and dot.dialogue_id == dialogue_id for dot in dots)
    for step in NextStep.objects.filter(dialogue=dialogue):
        assert all(getattr(step, name) == clean_text(getattr(step, name)) and len(getattr(step, name)) <= 2000 for name in NextStep.TEXT_FIELDS)
        assert all(getattr(step, name) == clean_line(getattr(step, name)) and len(getattr(step, name)) <= 200 for name in NextStep.LINE_FIELDS)


def _ids(home: Org, other: Org, stranger) -> list[int]:
    return [*home.ids()["participants"], *other.ids()["participants"], stranger.pk, *home.ids()["actions"], *other.ids()["actions"]]


# --- The tests ---------------------------------------------------------------------------------


@pytest.mark.parametrize("step", ["pick", "prioritise"])
def test_a_participants_phone_gets_a_clear_reply_to_anything_and_changes_only_their_own_choices(live, step):
    home, other, neighbour, stranger, server = live
    _move_to(home, step)
    client = Client()
    assert client.post("/deltag/", {"code": home.dialogue.code, "name": "Carla"}).status_code == 302
    carla = client.session["participations"][str(home.dialogue.pk)]
    phone = Connection(server, f"/ws/dialoger/{home.dialogue.pk}/phone/", client.cookies["sessionid"].value)
    cards = [card.key for card in tool_content(home.dialogue.tool_id).cards]

    @settings(max_examples=EXAMPLES)
    @with_found_examples
    @given(frame=frames([carla, *_ids(home, other, stranger)], cards))
    def send_anything(frame):
        before_home, before_other = snapshot(home.organisation), snapshot(other.organisation)
        reply = phone.send(frame)
        _assert_clear(reply, frame)
        after_home = snapshot(home.organisation)
        if reply:  # refused: nothing changed, not even the version
            assert_unchanged(before_home, after_home, "the sender's own organisation after a refused message")
        else:  # done: only Carla's own pick, reason and dots
            assert_unchanged(_own_rows(_without_version(before_home), carla), _own_rows(_without_version(after_home), carla), "the dialogue beyond Carla's own choices")
        _assert_valid_dialogue(home.dialogue.pk)
        assert_unchanged(before_other, snapshot(other.organisation))

    try:
        send_anything()
    finally:
        phone.close()
    _assert_app_still_answers(server)


def test_the_facilitators_screen_gets_a_clear_reply_to_anything_and_never_touches_another_dialogue(live):
    home, other, neighbour, stranger, server = live
    client = Client()
    client.force_login(home.facilitator)
    screen = Connection(server, f"/ws/dialoger/{home.dialogue.pk}/screen/", client.cookies["sessionid"].value)
    cards = [card.key for card in tool_content(home.dialogue.tool_id).cards]

    @settings(max_examples=EXAMPLES)
    @with_found_examples
    @given(frame=frames(_ids(home, other, stranger), cards))
    def send_anything(frame):
        before_home, before_other = snapshot(home.organisation), snapshot(other.organisation)
        before_neighbour = _dialogue_rows(neighbour.pk)
        reply = screen.send(frame)
        _assert_clear(reply, frame)
        if reply:
            assert_unchanged(before_home, snapshot(home.organisation), "the sender's own organisation after a refused message")
        _assert_valid_dialogue(home.dialogue.pk)
        assert_unchanged(before_neighbour, _dialogue_rows(neighbour.pk), "the organisation's other dialogue")
        assert_unchanged(before_other, snapshot(other.organisation))

    try:
        send_anything()
    finally:
        screen.close()
    _assert_app_still_answers(server)


def _dialogue_rows(dialogue_id: int) -> dict:
    return {
        model._meta.label: list(model.objects.filter(**({"pk": dialogue_id} if model is Dialogue else {"dialogue_id": dialogue_id})).order_by("pk").values())
        for model in (Dialogue, Participant, Pick, Dot, PrioritisedTheme, NextStep)
    }


def test_the_socket_of_a_1_1_ignores_anything_it_is_sent_and_stays_open(live):
    """A 1-1 page's socket only listens: what is sent to it changes nothing and breaks nothing,
    and afterwards it still shows the other party's change."""
    home, other, neighbour, stranger, server = live
    type(home.one_on_one).objects.filter(pk=home.one_on_one.pk).update(stage="conversation")
    client = Client()
    client.force_login(home.leader)
    socket = Socket(server, f"/ws/samtaler/{home.one_on_one.pk}/da/", client.cookies["sessionid"].value)
    cards = [card.key for card in tool_content(home.dialogue.tool_id).cards]

    @settings(max_examples=EXAMPLES // 2)
    @given(frame=frames([*_ids(home, other, stranger), home.one_on_one.pk, other.one_on_one.pk], cards))
    def send_anything(frame):
        before_home, before_other = snapshot(home.organisation), snapshot(other.organisation)
        try:
            socket.connection.send(frame)
            socket.connection.ping().wait(timeout=10)
        except ConnectionClosed as closed:
            raise AssertionError(f"the 1-1 socket was closed ({closed.rcvd}) after {frame!r:.300}") from None
        assert_unchanged(before_home, snapshot(home.organisation), "the 1-1's organisation")
        assert_unchanged(before_other, snapshot(other.organisation))

    try:
        send_anything()
        # The app's process checks passwords with the production hasher, not the tests' fast one.
        type(home.chief).objects.filter(pk=home.chief.pk).update(password=PBKDF2PasswordHasher().encode(PASSWORD, PBKDF2PasswordHasher().salt()))
        chief = HttpSession(server.url)
        assert chief.post("/login/", {"username": home.chief.email, "password": PASSWORD}).status in (302, 303)
        assert chief.post(f"/samtaler/{home.one_on_one.pk}/aftaler/", {"what": "Aftalt efter støjen", "owner": "chief"}).status in (302, 303)
        assert "Aftalt efter støjen" in socket.wait_for("Aftalt efter støjen")
    finally:
        socket.close()
