"""Renders the fragments that screens and phones swap in when a dialogue changes.

A change is rendered once per kind of screen (the shared screen, the phones'
common status) and sent to every connected client; only a participant's own view
is rendered for that participant.
"""

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from .qr import qr_svg
from .state import DialogueState

SCREEN_PARTS = ("controls", "stage", "people")


def meta(state: DialogueState, action_ids=()) -> str:
    """Marks a push with the version it shows and the actions it answers (for clients and benchmarks)."""
    return (
        f'<div id="live-meta" hx-swap-oob="true" hidden data-version="{state.dialogue.version}" '
        f'data-server-now="{timezone.now().isoformat()}" data-actions="{escape(",".join(action_ids))}"></div>'
    )


def screen_context(state: DialogueState, origin: str = "") -> dict:
    """`origin` is the scheme and host the screen was opened on, e.g. http://127.0.0.1:8000."""
    join_url = f"{origin}{reverse('dialogues:join_link', args=[state.dialogue.code])}"
    return {
        "state": state,
        "dialogue": state.dialogue,
        "join_host": origin.split("://", 1)[-1],
        "join_url": join_url,
        "qr_svg": qr_svg(join_url) if state.kind == "lobby" and origin else "",
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


def render_phone_status(state: DialogueState, *, oob: bool = True) -> str:
    return render_to_string("dialogues/live/phone_status.html", {"state": state, "dialogue": state.dialogue, "oob": oob})


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
    return render_to_string("dialogues/live/phone_main.html", {**phone_context(state, participant), "oob": oob})


def render_removed() -> str:
    return render_to_string("dialogues/live/phone_removed.html", {"oob": True})


NO_ERROR = '<div id="live-error" class="live-error" role="alert" hx-swap-oob="true"></div>'


def render_error(message: str) -> str:
    if not message:
        return NO_ERROR  # the answer to every accepted action: clear the last message
    return render_to_string("dialogues/live/error.html", {"message": message, "oob": True})


def saved_marker(card_key: str) -> str:
    return render_to_string("dialogues/live/saved.html", {"key": card_key})
