"""The tools' steps and cards, kept in memory: they change only when the data files are reloaded.

A live dialogue reads its deck on every change; reading it from memory saves two queries
per change. `load_tools` clears the cache in its own process; other processes pick a
reload up within TTL_SECONDS (or at their restart, which loads the tools anyway).
"""

import threading
import time
from dataclasses import dataclass

from .models import Card, Step

TTL_SECONDS = 300

_lock = threading.Lock()
_content: dict[int, "ToolContent"] = {}


@dataclass(frozen=True)
class ToolContent:
    steps: list[Step]
    cards: list[Card]
    card_by_key: dict[str, Card]
    card_by_id: dict[int, Card]
    loaded_at: float


def tool_content(tool_id: int) -> ToolContent:
    content = _content.get(tool_id)
    if content is None or time.monotonic() - content.loaded_at > TTL_SECONDS:
        steps = list(Step.objects.filter(tool_id=tool_id))
        cards = list(Card.objects.filter(tool_id=tool_id))
        content = ToolContent(steps, cards, {card.key: card for card in cards}, {card.pk: card for card in cards}, time.monotonic())
        with _lock:
            _content[tool_id] = content
    return content


def clear():
    with _lock:
        _content.clear()
