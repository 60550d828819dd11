"""Loads the tools' data files into the database: all files are checked before anything is written."""

from pathlib import Path

from django.db import transaction
from django.db.models import ProtectedError

from . import cache as content_cache
from .models import Card, Source, Step, Tool
from .schema import ContentError, ToolData, parse_tool_file

DATA_DIR = Path(__file__).resolve().parent / "data"


def read_tool_files(data_dir: Path = DATA_DIR) -> list[ToolData]:
    paths = sorted(data_dir.glob("*.toml"))
    if not paths:
        raise ContentError(f"{data_dir}: no tool data files (*.toml)")
    tools = [parse_tool_file(path) for path in paths]
    _check_unique(tools, "number")
    _check_unique(tools, "slug")
    return sorted(tools, key=lambda tool: tool.number)


def _check_unique(tools: list[ToolData], field: str):
    seen: dict[object, str] = {}
    for tool in tools:
        value = getattr(tool, field)
        if value in seen:
            raise ContentError(f"{tool.path.name}: {field}: {value!r} is already used by {seen[value]}")
        seen[value] = tool.path.name


def load_tools(data_dir: Path = DATA_DIR, using: str = "default") -> list[Tool]:
    tools = read_tool_files(data_dir)
    with transaction.atomic(using=using):
        saved = [_save_tool(data, using) for data in tools]
    content_cache.clear()
    return saved


def _translated(name: str, text) -> dict[str, str]:
    return {f"{name}_da": text.da, f"{name}_en": text.en}


def _save_tool(data: ToolData, using: str) -> Tool:
    fields = {
        "slug": data.slug,
        "format": data.format,
        "min_minutes": data.min_minutes,
        "max_minutes": data.max_minutes,
    }
    for name in ("title", "focus", "audience", "introduction", "preparation"):
        fields.update(_translated(name, getattr(data, name)))
    # Free the slug first in case another number held it before an edit.
    Tool.objects.using(using).filter(slug=data.slug).exclude(number=data.number).delete()
    tool, _ = Tool.objects.using(using).update_or_create(number=data.number, defaults=fields)

    Step.objects.using(using).filter(tool=tool).delete()
    Step.objects.using(using).bulk_create(
        Step(tool=tool, position=position, kind=step.kind, **_translated("title", step.title), **_translated("text", step.text))
        for position, step in enumerate(data.steps)
    )
    Source.objects.using(using).filter(tool=tool).delete()
    Source.objects.using(using).bulk_create(
        Source(tool=tool, position=position, url=source.url, **_translated("citation", source.citation))
        for position, source in enumerate(data.sources)
    )
    # Cards keep their rows (and ids) across reloads: later records point at them by key.
    keys = [card.key for card in data.cards]
    removed = Card.objects.using(using).filter(tool=tool).exclude(key__in=keys)
    try:
        removed.delete()
    except ProtectedError as error:
        used = sorted({card.key for card in error.protected_objects if isinstance(card, Card)} or {c.key for c in removed})
        raise ContentError(
            f"{data.path.name}: cards: {', '.join(used)} cannot be removed: dialogues have used them (keep the key)"
        ) from error
    for position, card in enumerate(data.cards):
        Card.objects.using(using).update_or_create(
            tool=tool,
            key=card.key,
            defaults={"position": position, **_translated("title", card.title), **_translated("question", card.question)},
        )
    return tool
