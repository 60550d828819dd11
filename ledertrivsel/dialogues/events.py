"""Announcing a committed change to every screen of a dialogue, in every app process.

Changes are announced on commit, never before: a screen that renders because of
an announcement always finds the change in the database.
"""

import asyncio
import logging

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction

log = logging.getLogger(__name__)

# What a change touches, so screens re-render only that.
PEOPLE = "people"  # who is here and who has acted; the phones' status line
ALL = "all"  # the step, the controls and everyone's own view
DRAFTS = "drafts"  # the next-steps drafts


def group_name(dialogue_id: int) -> str:
    return f"dialogue-{dialogue_id}"


def announce(dialogue_id: int, scope: str, *, action_id: str = "", personal=(), removed=()):
    """After the transaction commits, tell every process's hub what changed.

    `personal`: participants whose own view changed; `removed`: participants taken out.
    """
    message = {
        "type": "dialogue.changed",
        "dialogue": dialogue_id,
        "scope": scope,
        "action_ids": [action_id] if action_id else [],
        "personal": [int(pid) for pid in personal],
        "removed": [int(pid) for pid in removed],
    }
    transaction.on_commit(lambda: publish(message))


# The app server's event loop, set by the hub when it starts. A change committed in a worker
# thread hands its announcement to that loop and goes on at once, instead of waiting for it.
server_loop = None


def publish(message: dict):
    layer = get_channel_layer()
    if layer is None:
        return
    group = group_name(message["dialogue"])
    loop = server_loop
    if loop is not None and loop.is_running() and not _in_loop(loop):
        loop.call_soon_threadsafe(lambda: _keep(loop.create_task(layer.group_send(group, message))))
    else:
        async_to_sync(layer.group_send)(group, message)


# asyncio keeps only weak references to tasks: hold each announcement until it is sent,
# and log one that fails instead of losing it without a word.
_sending = set()


def _keep(task):
    _sending.add(task)
    task.add_done_callback(_sent)


def _sent(task):
    _sending.discard(task)
    if not task.cancelled() and task.exception() is not None:
        log.error("a live announcement could not be sent", exc_info=task.exception())


def _in_loop(loop) -> bool:
    try:
        return asyncio.get_running_loop() is loop
    except RuntimeError:
        return False
