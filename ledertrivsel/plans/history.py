"""A plan's history in words, in the language of whoever reads it."""

import datetime

from django.core.exceptions import FieldDoesNotExist
from django.utils.formats import date_format

from ledertrivsel.lib.people import display_name

from .models import Action, ActionCard


def _label(field: str) -> str:
    for model in (ActionCard, Action):
        try:
            return str(model._meta.get_field(field).verbose_name)
        except FieldDoesNotExist:
            continue
    return field


def _value(field: str, stored: str) -> str:
    if not stored:
        return "–"
    if field == "status" and stored in Action.Status.values:
        return str(Action.Status(stored).label)
    if field in ("deadline", "follow_up_date"):
        try:
            return date_format(datetime.date.fromisoformat(stored), "DATE_FORMAT")
        except ValueError:
            return stored
    return stored


def describe(change) -> list[dict]:
    """Each changed field of a PlanChange: its label and the values before and after."""
    return [
        {"label": _label(detail["field"]), "before": _value(detail["field"], detail["before"]), "after": _value(detail["field"], detail["after"])}
        for detail in change.details
    ]


def who(change) -> str:
    return display_name(change.user)
