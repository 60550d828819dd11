"""Which threads run a live dialogue's database work.

On SQLite everything stays on Channels' one database thread: there is no network round trip
to overlap, one writer at a time is all SQLite allows, and more threads would only contend for
the GIL (stress p95 37 -> 118 ms when pushes were rendered in a thread of their own).

On PostgreSQL an action or a render spends most of its time waiting for the database's
answers. One thread doing every action in turn capped a process at the round trips it could
wait through (the sender's reply p50 2-3 s under the stress profile); four action and four
render threads made it worse, the threads queueing for the GIL (stress p95 15 s). Two threads
for actions and one for renders measured best (p95 2.2 s; docs/live.md, BENCHMARKS.md). A
consumer still waits for its action before taking its next message, so one person's actions
keep their order; actions on the same dialogue queue on its row lock.
"""

import sys
from concurrent.futures import ThreadPoolExecutor

from channels.db import database_sync_to_async
from django.conf import settings

ON_SQLITE = settings.DATABASES["default"]["ENGINE"].endswith("sqlite3")
ACTION_THREADS = 2
RENDER_THREADS = 1
SWITCH_SECONDS = 0.0005

_actions = None if ON_SQLITE else ThreadPoolExecutor(max_workers=ACTION_THREADS, thread_name_prefix="live-action")
_renders = None if ON_SQLITE else ThreadPoolExecutor(max_workers=RENDER_THREADS, thread_name_prefix="live-render")


if not ON_SQLITE:
    # A thread back from the database waits for the GIL while another works; Python hands it
    # over every 5 ms by default, which a transaction of several round trips pays each time
    # (with four threads each: stress p95 23 s at 5 ms, 9 s at 0.5 ms).
    sys.setswitchinterval(SWITCH_SECONDS)


def _in(executor, function):
    if executor is None:
        return database_sync_to_async(function)
    return database_sync_to_async(function, thread_sensitive=False, executor=executor)


def for_action(function):
    """`function` as a coroutine run where actions run."""
    return _in(_actions, function)


def for_render(function):
    """`function` as a coroutine run where pushes are rendered."""
    return _in(_renders, function)
