"""An action plan: what a group decided to do about its prioritised themes, followed up over time.

A plan outlives the dialogue it came from (a retention rule may delete the dialogue, never
the plan). It holds one action card per theme, with the fields of the toolkit's template,
and each card holds concrete actions with a responsible person, a deadline and a status.
"""

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ledertrivsel.content.models import Card, Tool
from ledertrivsel.organisations.models import Group, Organisation

# An action whose deadline is this many days away or fewer counts as "due soon".
DUE_SOON_DAYS = 14


class ActionPlan(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="plans")
    group = models.ForeignKey(Group, on_delete=models.PROTECT, related_name="plans", verbose_name=_("group"))
    tool = models.ForeignKey(Tool, on_delete=models.PROTECT, related_name="+")
    dialogue = models.OneToOneField(
        "dialogues.Dialogue", on_delete=models.SET_NULL, null=True, blank=True, related_name="plan"
    )
    title = models.CharField(_("title"), max_length=120)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("action plan")
        verbose_name_plural = _("action plans")

    def __str__(self):
        return self.title

    def all_actions(self) -> list["Action"]:
        return [action for card in self.cards.all() for action in card.actions.all()]


class ActionCard(models.Model):
    """One prioritised theme and what the group wants to do about it (the template's fields)."""

    THEME_MAX = 200
    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="cards")
    position = models.PositiveSmallIntegerField(default=1)
    card = models.ForeignKey(Card, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    theme = models.CharField(_("Theme"), max_length=THEME_MAX)
    why = models.TextField(_("Why is it important? (current situation)"), blank=True)
    desired_effect = models.TextField(_("Desired effect / signs that it works"), blank=True)
    involved = models.CharField(_("Involved"), max_length=200, blank=True)
    resources = models.CharField(_("Resources"), max_length=200, blank=True)
    follow_up_date = models.DateField(_("Follow-up date"), null=True, blank=True)
    follow_up_forum = models.CharField(_("Follow-up forum"), max_length=200, blank=True)
    # Raised by every save; an edit made from an older version is refused, not applied.
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("action card")
        verbose_name_plural = _("action cards")

    def __str__(self):
        return self.theme


class Action(models.Model):
    class Status(models.TextChoices):
        NOT_STARTED = "not_started", _("Not started")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        DROPPED = "dropped", _("Dropped")

    CLOSED = (Status.DONE, Status.DROPPED)
    DESCRIPTION_MAX = 500

    card = models.ForeignKey(ActionCard, on_delete=models.CASCADE, related_name="actions")
    position = models.PositiveSmallIntegerField(default=1)
    description = models.CharField(_("Action"), max_length=DESCRIPTION_MAX)
    responsible = models.CharField(_("Responsible"), max_length=200, blank=True)
    responsible_email = models.EmailField(_("Responsible person's email"), blank=True)
    deadline = models.DateField(_("Deadline"), null=True, blank=True)
    status = models.CharField(_("Status"), max_length=20, choices=Status.choices, default=Status.NOT_STARTED)
    # The deadline a reminder was last sent for, so a daily run sends each reminder once.
    reminded_for = models.DateField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("action")
        verbose_name_plural = _("actions")

    def __str__(self):
        return self.description

    @property
    def is_open(self) -> bool:
        return self.status not in self.CLOSED

    def is_overdue(self, today: datetime.date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.is_open and self.deadline is not None and self.deadline < today

    def is_due_soon(self, today: datetime.date | None = None) -> bool:
        today = today or timezone.localdate()
        return (
            self.is_open and self.deadline is not None and today <= self.deadline <= today + datetime.timedelta(days=DUE_SOON_DAYS)
        )


class PlanChange(models.Model):
    """One entry in a plan's history: who changed what, when, with the values before and after.

    Stored as codes and raw values, and put into words when shown, so that the history reads
    in the language of whoever looks at it.
    """

    class What(models.TextChoices):
        CREATED = "created", _("created the plan")
        CARD_CHANGED = "card_changed", _("changed the action card")
        ACTION_ADDED = "action_added", _("added an action")
        ACTION_CHANGED = "action_changed", _("changed an action")
        ACTION_REMOVED = "action_removed", _("removed an action")
        STATUS_CHANGED = "status_changed", _("changed the status of an action")

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="changes")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    at = models.DateTimeField(default=timezone.now)
    what = models.CharField(max_length=20, choices=What.choices)
    subject = models.CharField(max_length=500, blank=True)  # the theme or the action's text
    # [{"field": "deadline", "before": "2027-01-31", "after": "2027-02-28"}, ...] by model field name
    details = models.JSONField(default=list, blank=True)
    # Set when the change was made during a live dialogue's follow-up step.
    dialogue = models.ForeignKey("dialogues.Dialogue", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("change to an action plan")
        verbose_name_plural = _("changes to action plans")
