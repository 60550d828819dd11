"""The floor for `bench/live.py`: a bare ASGI WebSocket broadcast server under uvicorn.

    python bench/bare_asgi.py --port 8800

Rooms by path: a socket joins the room of its path less the last segment, so the app's
/ws/dialoger/<id>/screen/ and /ws/dialoger/<id>/phone/ share one room, as they share a dialogue.
It answers each message as the app does (an empty `live-error` to the sender) and sends every
other socket in the room a small `live-meta` push carrying the message's action_id. No database,
no Django, no rendering: what is left is uvicorn, the WebSocket protocol and asyncio, measured
with the same client and load as the app.
"""

import argparse
import asyncio
import json
from collections import defaultdict
from html import escape

import uvicorn

REPLY = '<div id="live-error" class="live-error" role="alert" hx-swap-oob="true"></div>'
rooms: dict[str, set] = defaultdict(set)  # room -> the `send` callables of its open sockets


def room_of(path: str) -> str:
    return path.rstrip("/").rsplit("/", 1)[0]


def push(action_id: str) -> str:
    return f'<div id="live-meta" hx-swap-oob="true" hidden data-actions="{escape(action_id)}"></div>'


async def app(scope, receive, send):
    if scope["type"] == "http":  # lets a starter see that the server is up
        await send({"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"text/plain")]})
        await send({"type": "http.response.body", "body": b"ok"})
        return
    if scope["type"] != "websocket" or (await receive())["type"] != "websocket.connect":
        return
    await send({"type": "websocket.accept"})
    room = rooms[room_of(scope["path"])]
    room.add(send)
    try:
        await send({"type": "websocket.send", "text": push("")})  # stands in for the app's first, whole view
        await relay(receive, send, room)
    finally:
        room.discard(send)


async def relay(receive, send, room: set):
    while True:
        event = await receive()
        if event["type"] == "websocket.disconnect":
            return
        action_id = str(json.loads(event.get("text") or "{}").get("action_id", ""))[:64]
        await send({"type": "websocket.send", "text": REPLY})
        message = {"type": "websocket.send", "text": push(action_id)}
        await asyncio.gather(*(other(message) for other in list(room) if other is not send), return_exceptions=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, required=True)
    args = parser.parse_args()
    # The same uvicorn settings as `ledertrivsel serve`, so only the application differs.
    uvicorn.run(app, host="127.0.0.1", port=args.port, log_level="warning", lifespan="off")


if __name__ == "__main__":
    main()
