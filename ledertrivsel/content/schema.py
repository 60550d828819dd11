"""The schema of a tool's data file, checked field by field at load.

A broken file raises ContentError naming the file and the field, for example
`2-ledergruppen.toml: cards[3].question.en: must not be empty`.
"""

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
FORMATS = ("group", "one_to_one")
# What each step does in a live dialogue. A group tool runs the five steps of the
# toolkit in this order; a 1-1 tool runs the 1-1 procedure.
STEP_KINDS = {
    "group": ("cards", "pick", "reasons", "prioritise", "next_steps"),
    "one_to_one": ("prepare", "open", "talk", "agree", "follow_up"),
}
# A card must fit its printed rectangle (a 2x4 grid on A4).
CARD_TITLE_MAX = 40
CARD_QUESTION_MAX = 160


class ContentError(ValueError):
    """A data file that cannot be loaded; the message names file and field."""


@dataclass(frozen=True)
class Text:
    da: str
    en: str


@dataclass(frozen=True)
class StepData:
    kind: str
    title: Text
    text: Text


@dataclass(frozen=True)
class CardData:
    key: str
    title: Text
    question: Text


@dataclass(frozen=True)
class SourceData:
    citation: Text
    url: str


@dataclass(frozen=True)
class ToolData:
    path: Path
    number: int
    slug: str
    format: str
    title: Text
    focus: Text
    audience: Text
    introduction: Text
    preparation: Text
    min_minutes: int
    max_minutes: int
    steps: list[StepData]
    cards: list[CardData]
    sources: list[SourceData]


class _Table:
    """A TOML table being read, which knows where it is for error messages."""

    def __init__(self, file: str, data: Any, where: str = ""):
        self.file = file
        self.data = data
        self.where = where

    def fail(self, field: str, problem: str):
        name = f"{self.where}.{field}" if self.where and field else (self.where or field)
        raise ContentError(f"{self.file}: {name}: {problem}")

    def only(self, *allowed: str):
        for field in self.data:
            if field not in allowed:
                self.fail(field, f"unknown field (allowed: {', '.join(allowed)})")

    def value(self, field: str, kind: type, kind_name: str):
        if field not in self.data:
            self.fail(field, "is missing")
        value = self.data[field]
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            self.fail(field, f"must be {kind_name}")
        return value

    def string(self, field: str, pattern: re.Pattern | None = None, choices=None, max_length=200) -> str:
        value = self.value(field, str, "a string").strip()
        if not value:
            self.fail(field, "must not be empty")
        if len(value) > max_length:
            self.fail(field, f"is {len(value)} characters; at most {max_length}")
        if pattern and not pattern.match(value):
            self.fail(field, "may hold only lowercase letters a-z, digits and single hyphens")
        if choices and value not in choices:
            self.fail(field, f"must be one of: {', '.join(choices)}")
        return value

    def integer(self, field: str, minimum: int, maximum: int) -> int:
        value = self.value(field, int, "a whole number")
        if not minimum <= value <= maximum:
            self.fail(field, f"must be between {minimum} and {maximum}")
        return value

    def table(self, field: str) -> "_Table":
        value = self.value(field, dict, "a table")
        return _Table(self.file, value, f"{self.where}.{field}" if self.where else field)

    def tables(self, field: str, minimum: int, maximum: int) -> list["_Table"]:
        values = self.value(field, list, f"a list of tables ([[{field}]])")
        if not minimum <= len(values) <= maximum:
            self.fail(field, f"has {len(values)} entries; must have {minimum} to {maximum}")
        prefix = f"{self.where}.{field}" if self.where else field
        tables = [_Table(self.file, value, f"{prefix}[{index}]") for index, value in enumerate(values)]
        for table in tables:
            if not isinstance(table.data, dict):
                table.fail("", "must be a table")
        return tables

    def text(self, field: str, max_length: int = 2000) -> Text:
        table = self.table(field)
        table.only("da", "en")
        return Text(da=table.string("da", max_length=max_length), en=table.string("en", max_length=max_length))


def parse_tool_file(path: Path) -> ToolData:
    file = path.name
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise ContentError(f"{file}: not valid TOML: {error}") from error
    except (OSError, UnicodeDecodeError) as error:
        raise ContentError(f"{file}: cannot be read: {error}") from error

    root = _Table(file, data)
    root.only(
        "number", "slug", "format", "title", "focus", "audience", "introduction",
        "preparation", "time_frame", "steps", "cards", "sources",
    )
    time_frame = root.table("time_frame")
    time_frame.only("min_minutes", "max_minutes")
    min_minutes = time_frame.integer("min_minutes", 5, 240)
    max_minutes = time_frame.integer("max_minutes", 5, 240)
    if max_minutes < min_minutes:
        time_frame.fail("max_minutes", "must not be less than min_minutes")

    tool = ToolData(
        path=path,
        number=root.integer("number", 1, 99),
        slug=root.string("slug", pattern=SLUG, max_length=50),
        format=root.string("format", choices=FORMATS),
        title=root.text("title", max_length=60),
        focus=root.text("focus", max_length=300),
        audience=root.text("audience", max_length=300),
        introduction=root.text("introduction"),
        preparation=root.text("preparation"),
        min_minutes=min_minutes,
        max_minutes=max_minutes,
        steps=[_step(table) for table in root.tables("steps", 5, 5)],
        cards=[_card(table) for table in root.tables("cards", 1, 48)],
        sources=[_source(table) for table in root.tables("sources", 1, 20)],
    )
    _check_unique_keys(root, tool.cards)
    _check_step_kinds(root, tool)
    return tool


def _step(table: _Table) -> StepData:
    table.only("kind", "title", "text")
    all_kinds = sorted({kind for kinds in STEP_KINDS.values() for kind in kinds})
    return StepData(
        kind=table.string("kind", choices=all_kinds),
        title=table.text("title", max_length=60),
        text=table.text("text"),
    )


def _card(table: _Table) -> CardData:
    table.only("key", "title", "question")
    return CardData(
        key=table.string("key", pattern=SLUG, max_length=60),
        title=table.text("title", max_length=CARD_TITLE_MAX),
        question=table.text("question", max_length=CARD_QUESTION_MAX),
    )


def _source(table: _Table) -> SourceData:
    table.only("citation", "url")
    url = table.string("url", max_length=300) if "url" in table.data else ""
    if url and not url.startswith("https://"):
        table.fail("url", "must start with https://")
    return SourceData(citation=table.text("citation", max_length=400), url=url)


def _check_unique_keys(root: _Table, cards: list[CardData]):
    seen: dict[str, int] = {}
    for index, card in enumerate(cards):
        if card.key in seen:
            root.fail(f"cards[{index}].key", f"'{card.key}' is already used by cards[{seen[card.key]}]")
        seen[card.key] = index


def _check_step_kinds(root: _Table, tool: ToolData):
    expected = STEP_KINDS[tool.format]
    for index, (step, kind) in enumerate(zip(tool.steps, expected)):
        if step.kind != kind:
            root.fail(f"steps[{index}].kind", f"must be '{kind}': a {tool.format} tool has the steps {', '.join(expected)}")
