"""Running database work from async code, in the right thread.

Channels' `database_sync_to_async` runs everything in one shared thread. For reads that
is needlessly serial: the hub's renders can run in a pool, each thread on its own
connection (SQLite in WAL mode lets readers run beside the writer). Writes stay in the
one thread on SQLite, whose file takes one writer at a time (queueing in SQLite's busy
handler would add sleeps of up to 100 ms); on PostgreSQL they run in the pool too, and
row locks order them.
"""

from channels.db import DatabaseSyncToAsync
from django.db import connection


def run_read(function):
    return DatabaseSyncToAsync(function, thread_sensitive=False)


def run_write(function):
    return DatabaseSyncToAsync(function, thread_sensitive=connection.vendor == "sqlite")
