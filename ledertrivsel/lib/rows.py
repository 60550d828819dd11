"""Reading and changing rows without the ORM's query compiler, for the live dialogue's hot path.

Every live action and every push runs a handful of small queries. Building each one through
the QuerySet API cost about two thirds of its time (measured in bench/live_cost.py), so the
few queries on that path are written out here. They return model instances converted as the
ORM would, and run on SQLite and PostgreSQL alike (Django's cursor takes %s placeholders).
"""

import datetime
import functools
import json
from dataclasses import dataclass

from django.db import connection


def columns(model) -> str:
    """Every column of `model`, in field order: what `rows` and the other readers here select."""
    return ", ".join(field.column for field in model._meta.concrete_fields)


def rows(model, where: str, *params, order: str = "") -> list:
    """All of `model`'s rows that match `where`, as instances with every column loaded
    (so that no field is fetched lazily later)."""
    sql = f"SELECT {columns(model)} FROM {model._meta.db_table} WHERE {where}"
    if order:
        sql += f" ORDER BY {order}"
    return list(model.objects.raw(sql, params))


def first(model, where: str, *params):
    found = rows(model, where, *params)
    return found[0] if found else None


def update_returning(model, assignments: str, where: str, *params):
    """Changes the one row that matches `where` and returns it as it is now, in one round trip
    (UPDATE … RETURNING, on SQLite 3.35+ and PostgreSQL); the row stays locked until the
    transaction ends. None when no row matches."""
    sql = f"UPDATE {model._meta.db_table} SET {assignments} WHERE {where} RETURNING {columns(model)}"
    found = list(model.objects.raw(sql, params))
    return found[0] if found else None


def execute(sql: str, *params) -> int:
    """Runs a change and returns how many rows it touched."""
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.rowcount


# --- Several reads in one round trip ------------------------------------------------------------


@dataclass(frozen=True)
class Read:
    """What `rows` takes, as a value: `read_together` runs several of them in one statement."""

    model: type
    where: str
    params: tuple = ()
    order: str = ""


def read_together(*reads: Read) -> list[list]:
    """The rows of each read, in one statement and so one round trip to the database: each
    table's rows come back as one JSON array (PostgreSQL's json_agg, SQLite's json_group_array)
    and are turned into instances as `rows` would. For a push this replaces five round trips,
    which under load on PostgreSQL were most of a render's time (docs/live.md)."""
    postgres = connection.vendor == "postgresql"
    parts, params = [], []
    for read in reads:
        parts.append(_aggregate_sql(read, postgres))
        params.extend(read.params)
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts), params)
        results = cursor.fetchone()
    return [_instances(read.model, _json(result)) for read, result in zip(reads, results)]


def _aggregate_sql(read: Read, postgres: bool) -> str:
    selected = columns(read.model)
    table = read.model._meta.db_table
    if postgres:
        order = f" ORDER BY {read.order}" if read.order else ""
        return f"(SELECT coalesce(json_agg(json_build_array({selected}){order}), '[]'::json) FROM {table} WHERE {read.where})"
    # SQLite keeps the order of the inner query in json_group_array.
    order = f" ORDER BY {read.order}" if read.order else ""
    inner = f"SELECT {selected} FROM {table} WHERE {read.where}{order}"
    return f"(SELECT json_group_array(json_array({selected})) FROM ({inner}))"


def _json(value):
    return json.loads(value) if isinstance(value, (str, bytes)) else value


def _instances(model, values_lists: list) -> list:
    names, converters = _conversion(model)
    alias = connection.alias
    instances = []
    for values in values_lists:
        converted = [value if convert is None or value is None else convert(value) for value, convert in zip(values, converters)]
        instances.append(model.from_db(alias, names, converted))
    return instances


@functools.cache
def _conversion(model) -> tuple[list[str], list]:
    """Field names and, per field, how a JSON value becomes the Python value the ORM would give."""
    converters = {"DateTimeField": _datetime, "DateField": datetime.date.fromisoformat, "BooleanField": bool}
    fields = model._meta.concrete_fields
    return [field.attname for field in fields], [converters.get(field.get_internal_type()) for field in fields]


def _datetime(value: str) -> datetime.datetime:
    # PostgreSQL writes an offset; SQLite stores UTC without one.
    parsed = datetime.datetime.fromisoformat(value)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=datetime.timezone.utc)
