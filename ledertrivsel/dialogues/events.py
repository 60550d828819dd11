"""Announcing a committed change to every screen of a dialogue, in every app process.

Changes are announced on commit, never before: a screen that renders because of
an announcement always finds the change in the database. broadcast.py carries the
announcement to every process's hub.
"""

from django.db import transaction

from . import broadcast

# What a change touches, so screens re-render only that.
PEOPLE = "people"  # who is here and who has acted; the phones' status line
ALL = "all"  # the step, the controls and everyone's own view
DRAFTS = "drafts"  # the next-steps drafts


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


def publish(message: dict):
    from .hub import hub  # the hub imports this module

    broadcast.publish(message, hub.note)
