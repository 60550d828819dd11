"""Every change to an action plan goes through a function here.

Each one writes in one transaction and records what changed in the plan's history. Edits carry
the version of the card or action they were made from: if someone else saved in between, the
edit is refused with EditConflict and nothing is overwritten.
"""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ledertrivsel.lib.people import display_name
from .models import Action, ActionCard, ActionPlan, PlanChange

CARD_FIELDS = ("theme", "why", "desired_effect", "involved", "resources", "follow_up_date", "follow_up_forum")
ACTION_FIELDS = ("description", "responsible", "responsible_email", "deadline", "status")


class PlanError(Exception):
    """A refused change; `message` is shown to the person who tried it."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class EditConflict(PlanError):
    """Someone saved the same card or action after this edit began. `current` is what they saved."""

    def __init__(self, current, changed_by: str):
        super().__init__(
            _(
                "%(name)s saved this while you were editing it, so your changes were not saved. "
                "Their version is shown below; your text is kept in the form. Save again to replace theirs."
            )
            % {"name": changed_by}
        )
        self.current = current


def _stored(value) -> str:
    """A value as the history keeps it: dates as ISO text, the rest as text."""
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def _differences(instance, values: dict, fields) -> list[dict]:
    return [
        {"field": name, "before": _stored(getattr(instance, name)), "after": _stored(values[name])}
        for name in fields
        if name in values and _stored(getattr(instance, name)) != _stored(values[name])
    ]


def _record(plan: ActionPlan, user, what: str, subject: str, details=(), dialogue=None):
    PlanChange.objects.create(plan=plan, user=user, what=what, subject=subject[:500], details=list(details), dialogue=dialogue)
    ActionPlan.objects.filter(pk=plan.pk).update(updated_at=timezone.now())


def _last_editor(plan: ActionPlan) -> str:
    change = plan.changes.select_related("user").first()
    if change is None or change.user is None:
        return _("Someone else")
    return display_name(change.user)


def _locked(model, pk: int):
    found = model.objects.select_for_update().filter(pk=pk).first()
    if found is None:
        raise PlanError(_("This has been removed from the plan in the meantime."))
    return found


# --- Creating a plan ------------------------------------------------------------------------


def create_from_dialogue(dialogue, user, group=None) -> ActionPlan:
    """The plan of a dialogue's group, with one action card per prioritised theme and the step-5
    drafts as its content. A dialogue has at most one plan; asking again returns it."""
    group = group or dialogue.group
    if group is None:
        raise PlanError(_("Choose the group the action plan belongs to."))
    if group.organisation_id != dialogue.organisation_id:
        raise PlanError(_("That group is not in this dialogue's organisation."))
    with transaction.atomic():
        existing = ActionPlan.objects.filter(dialogue=dialogue).first()
        if existing is not None:
            return existing
        themes = list(dialogue.themes.select_related("card"))
        if not themes:
            raise PlanError(_("The dialogue has no prioritised themes yet, so there is nothing to plan."))
        if dialogue.group_id is None:
            dialogue.group = group
            dialogue.save(update_fields=["group"])
        plan = ActionPlan.objects.create(
            organisation_id=dialogue.organisation_id, group=group, tool_id=dialogue.tool_id, dialogue=dialogue,
            title=dialogue.title, created_by=user,
        )
        drafts = {draft.card_id: draft for draft in dialogue.next_steps.all()}
        today = timezone.localdate()
        for position, theme in enumerate(themes, 1):
            draft = drafts.get(theme.card_id)
            card = ActionCard.objects.create(
                plan=plan, position=position, card=theme.card, theme=theme.card.title[: ActionCard.THEME_MAX],
                **({field: getattr(draft, field) for field in CARD_FIELDS if field != "theme"} if draft else {}),
            )
            if draft is None:
                continue
            # Each line of the drafted "concrete actions" becomes an action of its own.
            deadline = draft.deadline if draft.deadline and draft.deadline >= today else None
            lines = [line.strip(" -•*\t") for line in draft.actions.splitlines()]
            for number, line in enumerate([line for line in lines if line], 1):
                Action.objects.create(
                    card=card, position=number, description=line[: Action.DESCRIPTION_MAX],
                    responsible=draft.responsible, deadline=deadline,
                )
        _record(plan, user, PlanChange.What.CREATED, plan.title)
    return plan


# --- Changing it ----------------------------------------------------------------------------


def update_card(card: ActionCard, user, values: dict, version: int) -> ActionCard:
    with transaction.atomic():
        current = _locked(ActionCard, card.pk)
        if current.version != version:
            raise EditConflict(current, _last_editor(current.plan))
        details = _differences(current, values, CARD_FIELDS)
        if not details:
            return current
        for name in CARD_FIELDS:
            if name in values:
                setattr(current, name, values[name])
        current.version += 1
        current.save()
        _record(current.plan, user, PlanChange.What.CARD_CHANGED, current.theme, details)
    return current


def add_action(card: ActionCard, user, values: dict) -> Action:
    with transaction.atomic():
        card = _locked(ActionCard, card.pk)
        position = (card.actions.order_by("-position").values_list("position", flat=True).first() or 0) + 1
        action = Action.objects.create(card=card, position=position, **{name: values[name] for name in ACTION_FIELDS if name in values})
        details = [{"field": name, "before": "", "after": _stored(getattr(action, name))} for name in ("responsible", "deadline") if getattr(action, name)]
        _record(card.plan, user, PlanChange.What.ACTION_ADDED, action.description, details)
    return action


def update_action(action: Action, user, values: dict, version: int) -> Action:
    with transaction.atomic():
        current = _locked(Action, action.pk)
        if current.version != version:
            raise EditConflict(current, _last_editor(current.card.plan))
        details = _differences(current, values, ACTION_FIELDS)
        if not details:
            return current
        for name in ACTION_FIELDS:
            if name in values:
                setattr(current, name, values[name])
        if any(detail["field"] == "deadline" for detail in details):
            current.reminded_for = None  # a new deadline gets its own reminder
        current.version += 1
        current.save()
        what = PlanChange.What.STATUS_CHANGED if [d["field"] for d in details] == ["status"] else PlanChange.What.ACTION_CHANGED
        _record(current.card.plan, user, what, current.description, details)
    return current


def set_status(action: Action, user, status: str, dialogue=None) -> Action:
    """A status change on its own (the plan page's quick buttons, a dialogue's follow-up step):
    it replaces only the status, so it needs no version."""
    if status not in Action.Status.values:
        raise PlanError(_("That status does not exist."))
    with transaction.atomic():
        current = _locked(Action, action.pk)
        if current.status == status:
            return current
        details = _differences(current, {"status": status}, ("status",))
        current.status = status
        current.version += 1
        current.save(update_fields=["status", "version", "updated_at"])
        _record(current.card.plan, user, PlanChange.What.STATUS_CHANGED, current.description, details, dialogue=dialogue)
    return current


def remove_action(action: Action, user, version: int) -> None:
    with transaction.atomic():
        current = _locked(Action, action.pk)
        if current.version != version:
            raise EditConflict(current, _last_editor(current.card.plan))
        plan = current.card.plan
        current.delete()
        _record(plan, user, PlanChange.What.ACTION_REMOVED, current.description)
