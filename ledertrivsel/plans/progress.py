"""Where a plan stands: what is overdue, due soon and done, and who has open actions."""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.utils import timezone

from .models import Action, ActionPlan


@dataclass
class FollowUp:
    overdue: list[Action] = field(default_factory=list)
    due_soon: list[Action] = field(default_factory=list)
    later: list[Action] = field(default_factory=list)  # open, with a later deadline or none
    done: list[Action] = field(default_factory=list)
    dropped: list[Action] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.overdue) + len(self.due_soon) + len(self.later) + len(self.done) + len(self.dropped)

    @property
    def open_count(self) -> int:
        return len(self.overdue) + len(self.due_soon) + len(self.later)

    @property
    def counted(self) -> int:
        """The actions progress is measured against: a dropped action is neither done nor left to do."""
        return self.total - len(self.dropped)

    @property
    def percent_done(self) -> int:
        return round(100 * len(self.done) / self.counted) if self.counted else 0


def follow_up(actions, today: datetime.date | None = None) -> FollowUp:
    today = today or timezone.localdate()
    result = FollowUp()
    for action in actions:
        if action.status == Action.Status.DONE:
            result.done.append(action)
        elif action.status == Action.Status.DROPPED:
            result.dropped.append(action)
        elif action.is_overdue(today):
            result.overdue.append(action)
        elif action.is_due_soon(today):
            result.due_soon.append(action)
        else:
            result.later.append(action)
    by_deadline = lambda action: (action.deadline or datetime.date.max, action.pk)  # noqa: E731
    for bucket in (result.overdue, result.due_soon, result.later):
        bucket.sort(key=by_deadline)
    return result


def plan_actions(plan: ActionPlan) -> list[Action]:
    return list(Action.objects.filter(card__plan=plan).select_related("card"))


def open_by_responsible(plans) -> list[tuple[str, list[Action]]]:
    """Open actions of the plans, by responsible person (those without one last), earliest deadline first."""
    grouped = defaultdict(list)
    actions = Action.objects.filter(card__plan__in=plans).exclude(status__in=Action.CLOSED).select_related("card__plan")
    for action in actions:
        grouped[action.responsible.strip()].append(action)
    for items in grouped.values():
        items.sort(key=lambda action: (action.deadline or datetime.date.max, action.pk))
    return sorted(grouped.items(), key=lambda item: (item[0] == "", item[0].casefold()))
