"""Reading and changing rows without the ORM's query compiler, for the live dialogue's hot path.

Every live action and every push runs a handful of small queries. Building each one through
the QuerySet API cost about two thirds of its time (measured in bench/live_cost.py), so the
few queries on that path are written out here. They return model instances converted as the
ORM would, and run on SQLite and PostgreSQL alike (Django's cursor takes %s placeholders).
"""

from django.db import connection


def rows(model, where: str, *params, order: str = "", for_update: bool = False) -> list:
    """All of `model`'s rows that match `where`, as instances with every column loaded
    (so that no field is fetched lazily later). `for_update` locks them where the database can."""
    columns = ", ".join(field.column for field in model._meta.concrete_fields)
    sql = f"SELECT {columns} FROM {model._meta.db_table} WHERE {where}"
    if order:
        sql += f" ORDER BY {order}"
    if for_update and connection.features.has_select_for_update:
        sql += " FOR UPDATE"
    return list(model.objects.raw(sql, params))


def first(model, where: str, *params, for_update: bool = False):
    found = rows(model, where, *params, for_update=for_update)
    return found[0] if found else None


def scalar(sql: str, *params):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    return row[0] if row else None


def execute(sql: str, *params) -> int:
    """Runs a change and returns how many rows it touched."""
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.rowcount
