"""Renders the fragments that screens and phones swap in when a dialogue changes.

A change is rendered once per kind of screen (the shared screen, the phones'
common status) and sent to every connected client; only a participant's own view
is rendered for that participant.
"""

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import get_language

from ledertrivsel.content.cache import tool_content
from ledertrivsel.lib.memo import Memo

from .qr import qr_svg
from .state import DialogueState

SCREEN_PARTS = ("controls", "stage", "people")
_phone_mains = Memo(4096)
_tally_rows = Memo(4096)


def meta(state: DialogueState, action_ids=()) -> str:
    """Marks a push with the version it shows and the actions it answers (for clients and benchmarks)."""
    return (
        f'<div id="live-meta" hx-swap-oob="true" hidden data-version="{state.dialogue.version}" '
        f'data-server-now="{timezone.now().isoformat()}" data-actions="{escape(",".join(action_ids))}"></div>'
    )


def screen_context(state: DialogueState, origin: str = "") -> dict:
    """`origin` is the scheme and host the screen was opened on, e.g. http://127.0.0.1:8000."""
    in_lobby = state.kind == "lobby" and origin
    # The QR code is only shown in the lobby; drawing it (and reversing its URL) on every push would be waste.
    join_url = f"{origin}{reverse('dialogues:join_link', args=[state.dialogue.code])}" if in_lobby else ""
    return {
        "state": state,
        "dialogue": state.dialogue,
        "join_host": origin.split("://", 1)[-1],
        "qr_svg": qr_svg(join_url) if in_lobby else "",
    }


def render_screen(state: DialogueState, parts=SCREEN_PARTS, *, origin: str = "", oob: bool = True, people=()) -> str:
    """The named parts of the shared screen (controls, stage, people, progress, tally), and
    the rows of the people panel for the given participant ids."""
    context = {**screen_context(state, origin), "oob": oob}
    html = [render_to_string(f"dialogues/live/screen_{part}.html", context) for part in parts]
    for participant_id in people:
        person = state.person(participant_id)
        if person is not None:
            html.append(render_to_string("dialogues/live/screen_person.html", {**context, "person": person}))
    return "".join(html)


def render_tally_rows(state: DialogueState) -> str:
    """The tally's rows. Every dot redraws the tally, but a row (a card with its count and
    bar) looks the same in many dialogues, so each is drawn once and then reused."""
    stamp = tool_content(state.dialogue.tool_id).loaded_at
    language = get_language()
    return "".join(
        _tally_rows.get(
            (language, stamp, row["card"].pk, row["count"], row["share"], row["confirmed"]),
            lambda row=row: render_to_string("dialogues/live/screen_tally_row.html", {"row": row}),
        )
        for row in state.tally
    )


def render_phone_status(state: DialogueState, *, oob: bool = True) -> str:
    return render_to_string("dialogues/live/phone_status.html", {"state": state, "dialogue": state.dialogue, "oob": oob})


def render_phone_progress(state: DialogueState) -> str:
    """Only the line of the phones' status that a participant's action changes."""
    return render_to_string("dialogues/live/phone_progress.html", {"state": state, "dialogue": state.dialogue, "oob": True})


def phone_context(state: DialogueState, participant) -> dict:
    """What a participant's own view shows: their pick, their dots."""
    return {
        "state": state,
        "dialogue": state.dialogue,
        "me": participant,
        "my_pick": state.pick_of(participant),
        "my_dots": state.dots_by_participant[participant.pk],
        "dots_left": state.dots_left(participant),
        "dot_rows": state.dot_rows(participant) if state.kind == "prioritise" else [],
    }


def render_phone_main(state: DialogueState, participant, *, oob: bool = True) -> str:
    key = phone_main_key(state, participant)
    if key is None:
        return _render_phone_main(state, participant, oob)
    return _phone_mains.get((oob, *key), lambda: _render_phone_main(state, participant, oob))


def _render_phone_main(state: DialogueState, participant, oob: bool) -> str:
    return render_to_string("dialogues/live/phone_main.html", {**phone_context(state, participant), "oob": oob})


def phone_main_key(state: DialogueState, participant) -> tuple | None:
    """Everything a participant's own view (phone_main.html) depends on, or None to render it afresh.

    When the facilitator moves on, ten phones per dialogue need their view at once, and most
    of them look the same (nobody has dots yet); a dot leaves a view that many others share.
    The key must name every input of the template: keep the two in step.
    """
    dialogue = state.dialogue
    content = tool_content(dialogue.tool_id)
    key = (get_language(), dialogue.tool_id, content.loaded_at, state.kind, dialogue.is_ended, dialogue.locked)
    # In the follow-up step (plan_follow_up) the plan is in the phones' common status, not here.
    if dialogue.is_ended or state.kind in ("lobby", "plan_follow_up", "cards", "next_steps"):
        return key
    if state.kind == "prioritise":
        mine = state.dots_by_participant[participant.pk]
        return (*key, tuple(card.pk for card in state.dot_cards), tuple(sorted(mine.items())))
    pick = state.pick_of(participant)
    if pick is not None and pick.reason:
        return None  # a person's own words are not kept beyond the render
    return (*key, dialogue.revealed, dialogue.anonymous, pick.card_id if pick else None)


def render_removed() -> str:
    return render_to_string("dialogues/live/phone_removed.html", {"oob": True})


NO_ERROR = '<div id="live-error" class="live-error" role="alert" hx-swap-oob="true"></div>'


def render_error(message: str) -> str:
    if not message:
        return NO_ERROR  # the answer to every accepted action: clear the last message
    return render_to_string("dialogues/live/error.html", {"message": message, "oob": True})


def saved_marker(card_key: str) -> str:
    return render_to_string("dialogues/live/saved.html", {"key": card_key})
