"""Real time for a 1-1: when either party changes something, both screens redraw from the
database. Announcements ride on the live dialogues' channel (dialogues/broadcast.py), so a
1-1 works across app processes the same way; there are only ever two screens, so each
redraws itself instead of sharing one render."""

import asyncio
from collections import defaultdict

from ledertrivsel.dialogues import broadcast

TYPE = "one_on_one.changed"
screens = defaultdict(set)  # 1-1 id -> the open consumers in this process
_redraws = set()


def announce(one_on_one_id: int):
    """Called once the change is committed; from any thread."""
    broadcast.publish({"type": TYPE, "one_on_one": one_on_one_id}, note)


def note(message: dict):
    """On the server's event loop: every open screen of the 1-1 redraws (every 1-1's, after
    the Redis subscription was lost and announcements may have been missed)."""
    everything = message.get("everything")
    targets = [c for group in screens.values() for c in group] if everything else screens.get(message.get("one_on_one"), ())
    for consumer in list(targets):
        task = asyncio.ensure_future(consumer.redraw())
        _redraws.add(task)
        task.add_done_callback(_redraws.discard)


broadcast.handlers[TYPE] = note
