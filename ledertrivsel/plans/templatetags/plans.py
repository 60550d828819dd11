from django import template
from django.utils.formats import date_format

from ledertrivsel.plans import history
from ledertrivsel.plans.models import Action

register = template.Library()


@register.filter
def is_overdue(action: Action) -> bool:
    return action.is_overdue()


@register.filter
def changed_fields(change) -> list[dict]:
    return history.describe(change)


@register.filter
def changed_by(change) -> str:
    return history.who(change)


@register.filter
def saved_values(instance) -> list[dict]:
    """What someone else saved, field by field, to show beside the form after a conflict."""
    rows = []
    for field in instance._meta.concrete_fields:
        if not field.editable or field.name in ("id", "plan", "card", "position", "version", "reminded_for") or field.is_relation:
            continue
        value = getattr(instance, field.name)
        if field.choices:
            value = getattr(instance, f"get_{field.name}_display")()
        elif hasattr(value, "isoformat"):
            value = date_format(value, "DATE_FORMAT")
        rows.append({"label": field.verbose_name, "value": value if value not in (None, "") else "–"})
    return rows
