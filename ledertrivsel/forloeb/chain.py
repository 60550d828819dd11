"""An organisation's forløb: its dialogues as a chain from the top down.

Level 1: the top management, MED and HR's tool-1 dialogues. Level 2: each leader group's
newest tool-2 dialogue, with the level-1 themes above it as context. Level 3: the 1-1s
(tool 3) of each leader group, as counts and dates only — what is said in a 1-1 belongs to
its two parties, so nothing of its content is read here, not even its cards.

Every level is read in a fixed number of queries, however many groups there are.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, F, Max, OuterRef, Q, Subquery
from django.utils import timezone

from ledertrivsel.conversations.models import OneOnOne
from ledertrivsel.dialogues.context import TOP_LEVEL_KINDS, ContextThemes, shared_with, themes_above
from ledertrivsel.dialogues.models import Dialogue, PrioritisedTheme
from ledertrivsel.organisations.models import Group
from ledertrivsel.plans.access import visible_plans
from ledertrivsel.plans.models import Action, ActionPlan
from ledertrivsel.plans.progress import FollowUp, follow_up
from ledertrivsel.privacy.models import months_before

from .access import ChainViewer

TOP_DIALOGUES_SHOWN = 3
# "Has had a 1-1" means: within this many months.
RECENT_MONTHS = 6


@dataclass
class PlanProgress:
    plan: ActionPlan
    follow_up: FollowUp


@dataclass
class DialogueEntry:
    dialogue: Dialogue
    themes: list = field(default_factory=list)  # content.Card, in their prioritised order
    plan: PlanProgress | None = None
    shared: list = field(default_factory=list)  # the themes also prioritised on the level above

    @property
    def state(self) -> str:
        if self.dialogue.is_ended:
            return "ended"
        return "running" if self.dialogue.stage else "waiting"


@dataclass
class OneOnOneCounts:
    """What the forløb may tell about a leader group's 1-1s: numbers and dates, nothing said."""

    leaders: int = 0
    held_recently: int = 0  # leaders with a finished 1-1 with the group's chief since `since`
    under_way: int = 0  # 1-1s being prepared or held now
    newest: datetime.datetime | None = None  # when the newest finished 1-1 ended

    @property
    def percent_held(self) -> int:
        return round(100 * self.held_recently / self.leaders) if self.leaders else 0


@dataclass
class LeaderGroupRow:
    group: Group
    dialogue: DialogueEntry | None
    plan: PlanProgress | None
    one_on_ones: OneOnOneCounts


@dataclass
class Chain:
    top: list[DialogueEntry]
    above: ContextThemes | None  # the level-1 themes a leader group's dialogue shows as context
    has_top_groups: bool
    leader_groups: list[LeaderGroupRow]
    since: datetime.datetime  # a 1-1 that ended after this counts as recent
    months: int = RECENT_MONTHS


def build_chain(viewer: ChainViewer, today: datetime.date | None = None) -> Chain:
    today = today or timezone.localdate()
    organisation_id = viewer.organisation.pk
    top = list(
        Dialogue.objects.filter(organisation_id=organisation_id, tool__number=1, group__kind__in=TOP_LEVEL_KINDS)
        .select_related("group")
        .order_by("-created_at", "-id")[:TOP_DIALOGUES_SHOWN]
    )
    groups = list(_leader_groups(viewer))
    newest = Dialogue.objects.in_bulk([group.newest_dialogue_id for group in groups if group.newest_dialogue_id])
    themes = _themes_of([*top, *newest.values()])
    plans = _progress_of(viewer, [dialogue.pk for dialogue in top], [group.newest_plan_id for group in groups], today)
    above = themes_above(None, organisation_id)
    since = months_before(timezone.localtime(), RECENT_MONTHS)
    counts = _one_on_one_counts(groups, since)

    def leader_group_row(group) -> LeaderGroupRow:
        dialogue = newest.get(group.newest_dialogue_id)
        entry = DialogueEntry(dialogue, themes[dialogue.pk], shared=shared_with(above, themes[dialogue.pk])) if dialogue else None
        counts[group.pk].leaders = group.leader_count
        return LeaderGroupRow(group, entry, plans.by_id.get(group.newest_plan_id), counts[group.pk])

    return Chain(
        top=[DialogueEntry(dialogue, themes[dialogue.pk], plans.by_dialogue.get(dialogue.pk)) for dialogue in top],
        above=above,
        has_top_groups=bool(top) or Group.objects.filter(organisation_id=organisation_id, kind__in=TOP_LEVEL_KINDS).exists(),
        leader_groups=[leader_group_row(group) for group in groups],
        since=since,
    )


def _leader_groups(viewer: ChainViewer):
    """The leader groups the viewer may follow, each with the ids of its newest tool-2
    dialogue and newest plan and the number of its leaders, in one query."""
    newest_dialogue = Dialogue.objects.filter(group=OuterRef("pk"), tool__number=2).order_by("-created_at", "-id").values("pk")[:1]
    newest_plan = ActionPlan.objects.filter(group=OuterRef("pk")).order_by("-created_at", "-id").values("pk")[:1]
    groups = Group.objects.filter(organisation=viewer.organisation, kind=Group.Kind.LEADER_GROUP)
    return (
        viewer.limit_groups(groups)
        .select_related("chief")
        .annotate(newest_dialogue_id=Subquery(newest_dialogue), newest_plan_id=Subquery(newest_plan), leader_count=Count("members", distinct=True))
        .order_by("name")
    )


def _themes_of(dialogues) -> dict[int, list]:
    """Each dialogue's prioritised themes (cards), in their order."""
    themes = defaultdict(list)
    rows = PrioritisedTheme.objects.filter(dialogue__in=dialogues).select_related("card").order_by("dialogue_id", "position")
    for theme in rows:
        themes[theme.dialogue_id].append(theme.card)
    return themes


@dataclass
class _Plans:
    by_id: dict[int, PlanProgress]
    by_dialogue: dict[int, PlanProgress]


def _progress_of(viewer: ChainViewer, dialogue_ids, plan_ids, today) -> _Plans:
    """The progress of the plans made in `dialogue_ids` and of `plan_ids`, only those the
    viewer may open (a chief sees their own groups' plans, not the top management's)."""
    plans = list(visible_plans(viewer.user).filter(Q(dialogue_id__in=dialogue_ids) | Q(pk__in=plan_ids)).order_by())
    actions = defaultdict(list)
    for action in Action.objects.filter(card__plan__in=plans).select_related("card"):
        actions[action.card.plan_id].append(action)
    progress = {plan.pk: PlanProgress(plan, follow_up(actions[plan.pk], today)) for plan in plans}
    by_dialogue = {item.plan.dialogue_id: item for item in progress.values() if item.plan.dialogue_id}
    return _Plans(by_id=progress, by_dialogue=by_dialogue)


def _one_on_one_counts(groups, since: datetime.datetime) -> dict[int, OneOnOneCounts]:
    """Per leader group: counts and the newest date, from one aggregate query. Only its
    current leaders and its current chief count; no row of a 1-1 is ever loaded."""
    counts = defaultdict(OneOnOneCounts)
    done = Q(stage=OneOnOne.Stage.DONE)
    rows = (
        OneOnOne.objects.filter(group__in=[group.pk for group in groups], chief=F("group__chief"), leader__work_groups=F("group"))
        .values("group_id")
        .order_by()
        .annotate(
            held=Count("leader", distinct=True, filter=done & Q(ended_at__gte=since)),
            under_way=Count("pk", filter=~done),
            newest=Max("ended_at", filter=done),
        )
    )
    for row in rows:
        counts[row["group_id"]] = OneOnOneCounts(held_recently=row["held"], under_way=row["under_way"], newest=row["newest"])
    return counts
