"""Which open 1-1 screens redraw on an announcement."""

import asyncio

from ledertrivsel.conversations import live
from ledertrivsel.dialogues import broadcast
from ledertrivsel.dialogues.hub import hub


class Screen:
    def __init__(self):
        self.redrawn = 0

    async def redraw(self):
        self.redrawn += 1


def test_a_change_redraws_its_own_1_1_and_a_lost_subscription_redraws_all():
    async def scenario():
        first, second = Screen(), Screen()
        live.screens[1].add(first)
        live.screens[2].add(second)
        try:
            hub.note({"type": live.TYPE, "one_on_one": 1})  # as the hub hands it on
            await asyncio.sleep(0)
            assert (first.redrawn, second.redrawn) == (1, 0)
            hub.refresh_all()  # after Redis came back: announcements may have been missed
            await asyncio.sleep(0)
            assert (first.redrawn, second.redrawn) == (2, 1)
        finally:
            live.screens.pop(1, None)
            live.screens.pop(2, None)

    assert broadcast.handlers[live.TYPE] is live.note
    asyncio.run(scenario())
