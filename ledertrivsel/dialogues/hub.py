"""One hub per app process: where live dialogues' changes turn into pushes.

Consumers do not subscribe to anything themselves. The hub learns of every
change (broadcast.py), and when a change touches a dialogue it has screens for, it
loads the dialogue once, renders each kind of fragment once, and sends the result
to every local screen of that dialogue. Changes that arrive while a render is under
way are folded into the next render, which reads the newest state.

This keeps the work per change constant per process (one message, one load, one
render per kind of fragment), however many screens are connected.
"""

import asyncio
import logging
from collections import defaultdict

from django.utils import translation

from . import broadcast, events, live_render, threads
from .models import Dialogue
from .state import DialogueState

log = logging.getLogger(__name__)
MEMBERS = "members"


class DialogueHub:
    def __init__(self):
        self.clients = defaultdict(set)  # dialogue id -> connected consumers in this process
        self.listener = None
        self.pending = {}  # dialogue id -> the changes waiting for a render
        self.rendering = set()

    async def subscribe(self, dialogue_id: int, consumer):
        self._start()
        self.clients[dialogue_id].add(consumer)

    async def unsubscribe(self, dialogue_id: int, consumer):
        clients = self.clients.get(dialogue_id)
        if clients is None:
            return
        clients.discard(consumer)
        if not clients:
            del self.clients[dialogue_id]

    def _start(self):
        broadcast.server_loop = asyncio.get_running_loop()
        if self.listener is None or self.listener.done():
            self.listener = asyncio.create_task(broadcast.listen(self.note, self.refresh_all))

    def refresh_all(self):
        """Re-renders everything this process shows: after announcements may have been missed."""
        for dialogue_id in list(self.clients):
            self.note({"dialogue": dialogue_id, "scope": events.ALL})
        for message_type, handler in broadcast.handlers.items():
            handler({"type": message_type, "everything": True})

    def listen(self):
        """Makes sure this process hears every announcement: other live views (a 1-1) ride on
        the same subscription, registered in broadcast.handlers."""
        self._start()

    def note(self, message: dict):
        """Folds a change into the dialogue's pending render and starts one if none runs."""
        if "dialogue" not in message:
            handler = broadcast.handlers.get(message.get("type"))
            if handler is not None:
                handler(message)
            return
        dialogue_id = message["dialogue"]
        if dialogue_id not in self.clients:
            return
        pending = self.pending.setdefault(dialogue_id, {"scopes": set(), "action_ids": [], "personal": set(), "removed": set()})
        pending["scopes"].add(message["scope"])
        if message["scope"] == events.PEOPLE and not message.get("personal"):
            pending["scopes"].add(MEMBERS)  # someone joined: the whole people panel changes
        pending["action_ids"].extend(message.get("action_ids", []))
        pending["personal"].update(message.get("personal", []))
        pending["removed"].update(message.get("removed", []))
        if dialogue_id not in self.rendering:
            self.rendering.add(dialogue_id)
            asyncio.create_task(self._render_loop(dialogue_id))

    async def _render_loop(self, dialogue_id: int):
        try:
            while dialogue_id in self.pending:
                change = self.pending.pop(dialogue_id)
                try:
                    await self._render_and_send(dialogue_id, change)
                except Exception:
                    log.exception("live hub could not render dialogue %s", dialogue_id)
        finally:
            self.rendering.discard(dialogue_id)

    async def _render_and_send(self, dialogue_id: int, change: dict):
        clients = list(self.clients.get(dialogue_id, ()))
        if not clients:
            return
        pushes = await threads.for_render(render_change)(dialogue_id, change, [client.describe() for client in clients])
        await asyncio.gather(*(client.push(pushes.get(client.key, "")) for client in clients), return_exceptions=True)
        for client in clients:
            if client.participant_id in change["removed"]:
                await client.close(code=4001)


def screen_parts(state: DialogueState, change: dict) -> tuple[tuple, list]:
    """Which parts of the shared screen a change touches, and whose rows in the people panel.

    A participant's own action changes their row and a count (and the tally or the round);
    someone joining or leaving changes the whole people panel; the facilitator's steps change all.
    """
    scopes = change["scopes"]
    if events.ALL in scopes:
        return live_render.SCREEN_PARTS, []
    if events.PEOPLE not in scopes:
        return (), []
    if MEMBERS in scopes or not change["personal"]:
        return (("people",) if state.kind == "next_steps" else ("stage", "people")), []
    by_kind = {"pick": ("progress",), "reasons": ("stage",), "prioritise": ("progress", "tally")}
    return by_kind.get(state.kind, ()), sorted(change["personal"])


def render_phone_common(state: DialogueState, change: dict) -> str:
    """What every phone of the dialogue gets: the whole status when the facilitator changed
    something or the drafts changed; after a participant's action only its progress line
    (a dot changes "9 of 30 dots placed", not the step's heading and text)."""
    if events.ALL in change["scopes"] or events.DRAFTS in change["scopes"]:
        return live_render.render_phone_status(state)
    return live_render.render_phone_progress(state)


def render_change(dialogue_id: int, change: dict, clients: list[dict]) -> dict[str, str]:
    """For each client (by key), the HTML to push. Each kind of fragment is rendered once per language."""
    try:
        state = DialogueState.load(dialogue_id)
    except Dialogue.DoesNotExist:
        return {}
    everything = events.ALL in change["scopes"]
    rendered = {}

    def once(key, render):
        if key not in rendered:
            rendered[key] = render()
        return rendered[key]

    pushes = {}
    meta = live_render.meta(state, change["action_ids"])
    for client in clients:
        with translation.override(client["language"]):
            language = client["language"]
            if client["role"] == "screen":
                parts, people = screen_parts(state, change)
                html = once(
                    ("screen", parts, tuple(people), language, client["origin"]),
                    lambda: live_render.render_screen(state, parts, origin=client["origin"], people=people),
                )
            else:
                participant_id = client["participant_id"]
                if participant_id in change["removed"]:
                    pushes[client["key"]] = meta + once(("removed", language), live_render.render_removed)
                    continue
                html = once(("phone", language), lambda: render_phone_common(state, change))
                if everything or participant_id in change["personal"]:
                    person = state.person(participant_id)
                    if person is not None:
                        html += live_render.render_phone_main(state, person)
            pushes[client["key"]] = meta + html
    return pushes


hub = DialogueHub()
