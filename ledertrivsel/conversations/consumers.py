"""The WebSocket of a party's 1-1 page: it only listens. Changes are made by ordinary form
posts; after each, both parties' sockets get their page's live parts redrawn from the database."""

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncWebsocketConsumer
from django.template.loader import render_to_string
from django.utils import translation

from ledertrivsel.audit.log import record
from ledertrivsel.audit.models import AuditEvent
from ledertrivsel.dialogues.hub import hub

from . import live
from .access import label
from .models import OneOnOne
from .shared import shared_view


class OneOnOneConsumer(AsyncWebsocketConsumer):
    channel_layer_alias = "hub-only"

    async def connect(self):
        self.one_on_one_id = int(self.scope["url_route"]["kwargs"]["one_on_one_id"])
        self.user = self.scope.get("user")
        self.language = self.scope["url_route"]["kwargs"].get("language") or "da"
        if await database_sync_to_async(self._party)() is None:
            await self.close(code=4003)
            return
        await self.accept()
        live.screens[self.one_on_one_id].add(self)
        hub.listen()
        await self.redraw()

    async def disconnect(self, code):
        screens = live.screens.get(getattr(self, "one_on_one_id", None))
        if screens is not None:
            screens.discard(self)
            if not screens:
                live.screens.pop(self.one_on_one_id, None)

    async def receive(self, text_data=None, bytes_data=None):
        """Nothing is taken from the socket: a message of any kind is ignored."""

    async def redraw(self):
        html = await database_sync_to_async(self._render)()
        if html is None:
            await self.close(code=4003)
        else:
            await self.send(text_data=html)

    def _party(self):
        one_on_one = OneOnOne.objects.filter(pk=self.one_on_one_id).select_related("chief", "leader").first()
        if one_on_one is None:
            return None
        party = one_on_one.party(self.user)
        if party is None and self.user is not None and self.user.is_authenticated:
            # A refused attempt is logged here too, as on the 1-1's pages.
            record(AuditEvent.Kind.ACCESS_REFUSED, organisation=one_on_one.organisation_id, actor=self.user,
                   subject=label(one_on_one), path=self.scope.get("path", "")[:200])
        return party

    def _render(self):
        one_on_one = OneOnOne.objects.select_related("chief", "leader", "previous").filter(pk=self.one_on_one_id).first()
        party = one_on_one.party(self.user) if one_on_one else None
        if party is None:  # deleted, or the person is no longer a party
            return None
        with translation.override(self.language):
            return render_to_string(
                "conversations/_live.html", {"one_on_one": one_on_one, "party": party, "shared": shared_view(one_on_one, party)}
            )
