"""Email reminders to the people responsible for actions whose deadline is near.

Run daily from cron by `manage.py send_plan_reminders`. Each person gets one email listing all
their actions that are due within the window; an action is reminded once per deadline
(`Action.reminded_for`), so running the command twice a day, or again after a failure, does not
send the same reminder twice. Moving the deadline makes the action due for a new reminder.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import ngettext

from .exports import plan_url
from .models import Action


@dataclass
class Reminder:
    email: str
    name: str
    actions: list[Action]


@dataclass
class ReminderRun:
    sent: list[Reminder]
    failed: list[tuple[Reminder, str]]

    @property
    def action_count(self) -> int:
        return sum(len(reminder.actions) for reminder in self.sent)


def due_actions(days: int, today: datetime.date | None = None):
    """Open actions with an email address whose deadline is from today to `days` days on and
    that have not been reminded for that deadline."""
    today = today or timezone.localdate()
    return (
        Action.objects.filter(deadline__gte=today, deadline__lte=today + datetime.timedelta(days=days))
        .exclude(status__in=Action.CLOSED)
        .exclude(responsible_email="")
        .filter(Q(reminded_for__isnull=True) | ~Q(reminded_for=F("deadline")))
        .select_related("card__plan__group")
        .order_by("deadline", "card__plan_id", "position", "id")
    )


def reminders(days: int, today: datetime.date | None = None) -> list[Reminder]:
    """The reminders to send: one per email address, its actions by deadline."""
    by_email: dict[str, list[Action]] = defaultdict(list)
    for action in due_actions(days, today):
        by_email[action.responsible_email.strip().lower()].append(action)
    return [Reminder(email, actions[0].responsible, actions) for email, actions in sorted(by_email.items())]


def send_reminders(days: int, today: datetime.date | None = None, dry_run: bool = False) -> ReminderRun:
    today = today or timezone.localdate()
    run = ReminderRun(sent=[], failed=[])
    # Emails go out in the organisation's language (Danish); the people responsible have no account to say otherwise.
    with translation.override(settings.LANGUAGE_CODE):
        for reminder in reminders(days, today):
            if dry_run:
                run.sent.append(reminder)
                continue
            try:
                _send(reminder, today)
            except Exception as error:  # noqa: BLE001 - one bad address must not stop the others
                run.failed.append((reminder, str(error)))
                continue
            _mark_reminded(reminder.actions)
            run.sent.append(reminder)
    return run


def _send(reminder: Reminder, today: datetime.date) -> None:
    context = {
        "name": reminder.name,
        "items": [
            {"action": action, "plan": action.card.plan, "days_left": (action.deadline - today).days, "url": plan_url(action.card.plan)}
            for action in reminder.actions
        ],
    }
    subject = ngettext(
        "Reminder: %(count)s action has a deadline soon",
        "Reminder: %(count)s actions have a deadline soon",
        len(reminder.actions),
    ) % {"count": len(reminder.actions)}
    body = render_to_string("plans/email/reminder.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [reminder.email])


def _mark_reminded(actions: list[Action]) -> None:
    with transaction.atomic():
        for action in actions:
            Action.objects.filter(pk=action.pk).update(reminded_for=action.deadline)
