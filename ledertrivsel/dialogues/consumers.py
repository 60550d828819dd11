"""The WebSocket of a shared screen or a phone in a live dialogue.

A consumer renders the whole view from the database when it connects (or
reconnects), turns the messages it receives into calls of `actions`, and passes
on what the hub pushes. It never holds state of its own that the database lacks.
"""

import json
import time
import uuid

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncWebsocketConsumer
from django.utils import translation
from django.utils.translation import gettext as _

from . import actions, live_render, threads
from .access import can_run
from .hub import hub
from .models import Dialogue, Participant
from .state import DialogueState

MESSAGE_MAX_BYTES = 16_384
# A person taps, a facilitator types; anything faster than this is a runaway client.
MESSAGES_PER_SECOND = 10
BURST = 30


def _participant_actions():
    return {
        "pick": lambda actor, did, data, aid: actions.pick(actor, did, data.get("card"), data.get("participant"), action_id=aid),
        "reason": lambda actor, did, data, aid: actions.save_reason(actor, did, data.get("reason", ""), data.get("participant"), action_id=aid),
        "dot": lambda actor, did, data, aid: actions.add_dot(actor, did, data.get("card"), data.get("participant"), action_id=aid),
        "undot": lambda actor, did, data, aid: actions.remove_dot(actor, did, data.get("card"), data.get("participant"), action_id=aid),
    }


def _facilitator_actions():
    return {
        "go": lambda actor, did, data, aid: actions.go_to_stage(actor, did, data.get("direction")),
        "reveal": lambda actor, did, data, aid: actions.reveal(actor, did),
        "lock": lambda actor, did, data, aid: actions.set_locked(actor, did, str(data.get("locked")) == "1"),
        "round": lambda actor, did, data, aid: actions.move_round(actor, did, data.get("delta")),
        "dot_scope": lambda actor, did, data, aid: actions.set_dot_scope(actor, did, str(data.get("chosen_only")) == "1"),
        "confirm_themes": lambda actor, did, data, aid: actions.confirm_themes(actor, did, data.get("cards", [])),
        "next_step": lambda actor, did, data, aid: actions.save_next_step(actor, did, data.get("card"), data, action_id=aid),
        "action_status": lambda actor, did, data, aid: actions.set_action_status(actor, did, data.get("plan_action"), data.get("status")),
        "remove": lambda actor, did, data, aid: actions.remove_participant(actor, did, data.get("participant")),
        "add_person": lambda actor, did, data, aid: actions.add_person_without_device(actor, did, data.get("name", "")),
        "end": lambda actor, did, data, aid: actions.end_dialogue(actor, did),
    }


PARTICIPANT_ACTIONS = _participant_actions()
FACILITATOR_ACTIONS = {**PARTICIPANT_ACTIONS, **_facilitator_actions()}


def identify(scope, dialogue_id: int, role: str):
    """Who is on the other end: the dialogue's facilitator, or one of its participants. None if neither."""
    dialogue = Dialogue.objects.filter(pk=dialogue_id).only("pk", "organisation_id", "group_id", "tool_id").first()
    if dialogue is None:
        return None
    if role == "screen":
        user = scope.get("user")
        if user is not None and can_run(user, dialogue):
            return actions.Actor(user_id=user.pk)
        return None
    session = scope.get("session")
    participant_id = (session.get("participations", {}) if session is not None else {}).get(str(dialogue_id))
    if participant_id and Participant.objects.filter(pk=participant_id, dialogue_id=dialogue_id, removed_at__isnull=True).exists():
        return actions.Actor(participant_id=participant_id)
    return None


class DialogueConsumer(AsyncWebsocketConsumer):
    # Not a configured layer: consumers get their updates from the process's hub only.
    channel_layer_alias = "hub-only"

    async def connect(self):
        kwargs = self.scope["url_route"]["kwargs"]
        self.dialogue_id = int(kwargs["dialogue_id"])
        self.role = kwargs["role"]
        self.language = self._language()
        self.actor = await database_sync_to_async(identify)(self.scope, self.dialogue_id, self.role)
        self.key = uuid.uuid4().hex
        self.allowance = BURST
        self.checked_at = time.monotonic()
        if self.actor is None:
            await self.close(code=4403)
            return
        await self.accept()
        await hub.subscribe(self.dialogue_id, self)
        await self.send(text_data=await database_sync_to_async(self.render_everything)())

    async def disconnect(self, code):
        self.gone = True
        if getattr(self, "actor", None) is not None:
            await hub.unsubscribe(self.dialogue_id, self)

    @property
    def participant_id(self) -> int | None:
        return self.actor.participant_id if self.actor else None

    def describe(self) -> dict:
        return {
            "key": self.key,
            "role": self.role,
            "language": self.language,
            "participant_id": self.participant_id,
            "origin": self._origin(),
        }

    gone = False  # set when the socket has closed; a late push or reply is then dropped

    async def push(self, html: str):
        if html and not self.gone:
            await self.send(text_data=html)

    async def close(self, code=None, reason=None):
        self.gone = True
        await super().close(code=code, reason=reason)

    async def receive(self, text_data=None, bytes_data=None):
        with translation.override(self.language):
            error = self._refuse_flood() or self._refuse_malformed(text_data)
            if error:
                await self.send(text_data=live_render.render_error(error))
                return
            data = json.loads(text_data)
            table = FACILITATOR_ACTIONS if self.actor.is_facilitator else PARTICIPANT_ACTIONS
            handler = table.get(data.get("action"))
            if handler is None:
                known = data.get("action") in FACILITATOR_ACTIONS
                message = _("Only the facilitator can do that.") if known else _("That action is not possible here.")
                await self.send(text_data=live_render.render_error(message))
                return
            action_id = str(data.get("action_id", ""))[:64]
            reply = await threads.for_action(self._perform)(handler, data, action_id)
            await self.push(reply)

    def _perform(self, handler, data: dict, action_id: str) -> str:
        with translation.override(self.language):
            try:
                handler(self.actor, self.dialogue_id, data, action_id)
            except actions.DialogueError as error:
                return live_render.render_error(error.message)
            # Success clears an earlier message; the change itself arrives through the hub.
            reply = live_render.render_error("")
            if data.get("action") == "next_step":
                reply += live_render.saved_marker(str(data.get("card", "")))
            return reply

    def _refuse_flood(self) -> str:
        now = time.monotonic()
        self.allowance = min(BURST, self.allowance + (now - self.checked_at) * MESSAGES_PER_SECOND)
        self.checked_at = now
        if self.allowance < 1:
            return _("Too many actions at once. Wait a moment and try again.")
        self.allowance -= 1
        return ""

    def _refuse_malformed(self, text_data) -> str:
        if not text_data or len(text_data.encode()) > MESSAGE_MAX_BYTES:
            return _("The message could not be understood. Reload the page and try again.")
        try:
            data = json.loads(text_data)
        except (ValueError, RecursionError):  # RecursionError: arrays nested thousands deep fit in the size limit
            return _("The message could not be understood. Reload the page and try again.")
        if not isinstance(data, dict) or not isinstance(data.get("action"), str):
            return _("The message could not be understood. Reload the page and try again.")
        return ""

    def render_everything(self) -> str:
        with translation.override(self.language):
            state = DialogueState.load(self.dialogue_id)
            html = live_render.meta(state)
            if self.role == "screen":
                return html + live_render.render_screen(state, origin=self._origin())
            person = state.person(self.participant_id)
            if person is None:
                return html + live_render.render_removed()
            return html + live_render.render_phone_status(state) + live_render.render_phone_main(state, person)

    def _language(self) -> str:
        query = self.scope.get("query_string", b"").decode()
        return "en" if "lang=en" in query.split("&") else "da"

    def _origin(self) -> str:
        headers = dict(self.scope.get("headers", []))
        scheme = "https" if self.scope.get("scheme") == "wss" else "http"
        return f"{scheme}://{headers.get(b'host', b'').decode()}"
