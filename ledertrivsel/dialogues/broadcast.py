"""How a committed change reaches the hub of every app process.

One process (no REDIS_URL): the change is handed to this process's hub on its event loop.

Several processes (REDIS_URL): the change is PUBLISHed on one Redis pub/sub channel, and each
process's hub keeps one subscription to it and ignores the dialogues it has no screens for.
Redis pushes the messages down the open subscription as they come, so a process takes in
hundreds a second without asking for each. Channels' Redis layer did ask for each (a blocking
pop and a clean-up per message, in turn): under the stress profile its receive fell behind the
200 changes a second, the backlog grew for the whole run and pushes arrived 20-40 s late
(docs/live.md). Pub/sub delivers at most once, so a hub that had to reconnect re-renders
everything it shows, from the database, which holds every change.
"""

import asyncio
import contextvars
import json
import logging

from django.conf import settings

log = logging.getLogger(__name__)

# Pub/sub channels are shared by all of a Redis server's databases: name the app's database,
# so two installations (or a test run beside a benchmark) on one Redis keep apart.
CHANNEL = f"ledertrivsel:live:{settings.DATABASES['default']['NAME']}"
RECONNECT_SECONDS = 0.5

# The app server's event loop, set by the hub when it starts. A change committed in a worker
# thread hands its announcement to that loop and goes on at once, instead of waiting for it.
server_loop: asyncio.AbstractEventLoop | None = None

_async_client = None
_sync_client = None
# asyncio keeps only weak references to tasks: hold each announcement until it is sent.
_sending = set()
# Announcements that are not a dialogue's, by their "type": the hub hands them on (a 1-1's).
handlers = {}


def uses_redis() -> bool:
    return bool(settings.REDIS_URL)


def publish(message: dict, deliver_locally) -> None:
    """Sends `message` to every process's hub; `deliver_locally(message)` is this process's
    hub when there is no Redis. Callable from the event loop and from any thread."""
    loop = server_loop
    running = loop is not None and loop.is_running()
    if not uses_redis():
        if running:
            # A fresh context: the caller's (a worker thread's) would make the hub's render
            # task believe it already runs in that thread, and asgiref refuses to deadlock.
            loop.call_soon_threadsafe(deliver_locally, message, context=contextvars.Context())
        # Without a running server loop this process has no screens to tell.
        return
    data = json.dumps(message)
    if running and _in(loop):
        _keep(loop.create_task(_publish(data)))
    elif running:
        loop.call_soon_threadsafe(lambda: _keep(loop.create_task(_publish(data))), context=contextvars.Context())
    else:  # a management command or a test outside the server
        _redis_sync().publish(CHANNEL, data)


async def listen(on_message, on_reconnect) -> None:
    """Feeds every message on the channel to `on_message`, for as long as the process runs.
    After a lost connection, `on_reconnect()` is called once the subscription is back."""
    if not uses_redis():
        return
    import redis.asyncio as redis

    lost = False
    while True:
        client = redis.Redis.from_url(settings.REDIS_URL)
        try:
            async with client.pubsub(ignore_subscribe_messages=True) as pubsub:
                await pubsub.subscribe(CHANNEL)
                if lost:
                    on_reconnect()
                    lost = False
                async for item in pubsub.listen():
                    if item.get("type") == "message":
                        on_message(json.loads(item["data"]))
        except asyncio.CancelledError:
            raise
        except Exception:  # a Redis hiccup must not stop live updates for good
            log.exception("live updates lost their Redis subscription; reconnecting")
            lost = True
            await asyncio.sleep(RECONNECT_SECONDS)
        finally:
            await client.aclose()


async def _publish(data: str) -> None:
    global _async_client
    import redis.asyncio as redis

    loop = asyncio.get_running_loop()
    if _async_client is None or _async_client[0] is not loop:  # a client belongs to one loop
        _async_client = (loop, redis.Redis.from_url(settings.REDIS_URL))
    await _async_client[1].publish(CHANNEL, data)


def _redis_sync():
    global _sync_client
    import redis

    if _sync_client is None:
        _sync_client = redis.Redis.from_url(settings.REDIS_URL)
    return _sync_client


def _keep(task):
    _sending.add(task)
    task.add_done_callback(_sent)


def _sent(task):
    _sending.discard(task)
    if not task.cancelled() and task.exception() is not None:
        log.error("a live announcement could not be sent", exc_info=task.exception())


def _in(loop) -> bool:
    try:
        return asyncio.get_running_loop() is loop
    except RuntimeError:
        return False
