"""A dialogue as its screens show it, loaded from the database in a handful of queries."""

import datetime
from collections import Counter, defaultdict
from functools import cached_property

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ledertrivsel.content.cache import tool_content
from ledertrivsel.content.models import Card, Step, Tool
from ledertrivsel.lib.memo import Memo
from ledertrivsel.lib.rows import Read, first, read_together, rows
from ledertrivsel.organisations.models import Group
from ledertrivsel.plans.models import Action, ActionCard, ActionPlan

from .context import ContextThemes, themes_above
from .models import Dialogue, Dot, NextStep, Participant, Pick, PrioritisedTheme
from .timing import suggested_minutes

# The tool whose dialogues (a leader group's) show the top management's themes as context.
LEADER_GROUP_TOOL = 2
_context_above = Memo(1024)


def _themes_above(dialogue: Dialogue) -> ContextThemes | None:
    if dialogue.group_id is None or not Tool.objects.filter(pk=dialogue.tool_id, number=LEADER_GROUP_TOOL).exists():
        return None
    group = Group.objects.filter(pk=dialogue.group_id).first()
    return themes_above(group, dialogue.organisation_id) if group is not None else None


# The tables a dialogue's screens read, by the name of the state's property that holds them.
TABLES = {
    "participants": lambda dialogue_id: Read(Participant, "dialogue_id = %s AND removed_at IS NULL", (dialogue_id,), "joined_at, id"),
    "picks": lambda dialogue_id: Read(Pick, "dialogue_id = %s", (dialogue_id,)),
    "dots": lambda dialogue_id: Read(Dot, "dialogue_id = %s", (dialogue_id,), "id"),
    "themes": lambda dialogue_id: Read(PrioritisedTheme, "dialogue_id = %s", (dialogue_id,), "position"),
    "next_steps": lambda dialogue_id: Read(NextStep, "dialogue_id = %s", (dialogue_id,), "id"),
}


class DialogueState:
    """`load` reads every table at once; a state made from a dialogue reads each when first asked."""

    def __init__(self, dialogue: Dialogue):
        self.dialogue = dialogue
        content = tool_content(dialogue.tool_id)
        # With a follow-up of the group's last plan, its step comes first (see Dialogue.steps).
        self.steps: list[Step] = dialogue.steps()
        self.cards: list[Card] = content.cards
        self._card_by_id = content.card_by_id

    @classmethod
    def load(cls, dialogue_id: int) -> "DialogueState":
        """The dialogue and every table its screens read, in one round trip (lib/rows.py):
        every push reloads them, so round trips and the ORM's compiler were most of its cost."""
        names = list(TABLES)
        dialogues, *tables = read_together(Read(Dialogue, "id = %s", (dialogue_id,)), *(TABLES[name](dialogue_id) for name in names))
        if not dialogues:
            raise Dialogue.DoesNotExist(dialogue_id)
        state = cls(dialogues[0])
        state._preloaded = dict(zip(names, tables))
        return state

    def _rows(self, name: str) -> list:
        """A table's rows: as `load` read them, or read now for a state made from a dialogue."""
        preloaded = getattr(self, "_preloaded", {})
        if name in preloaded:
            return preloaded.pop(name)
        read = TABLES[name](self.dialogue.pk)
        return rows(read.model, read.where, *read.params, order=read.order)

    def _with_cards(self, rows):
        # Attach cards from the deck in memory instead of a query per row.
        for row in rows:
            row.card = self._card_by_id[row.card_id]
        return rows

    @cached_property
    def participants(self) -> list[Participant]:
        return self._rows("participants")

    @cached_property
    def picks(self) -> dict[int, Pick]:
        return {pick.participant_id: pick for pick in self._with_cards(self._rows("picks"))}

    @cached_property
    def dots(self) -> list[Dot]:
        return self._with_cards(self._rows("dots"))

    @cached_property
    def themes(self) -> list[PrioritisedTheme]:
        return self._with_cards(self._rows("themes"))

    @cached_property
    def next_steps(self) -> list[NextStep]:
        return self._with_cards(self._rows("next_steps"))

    # --- The step ---------------------------------------------------------------------------

    @property
    def kind(self) -> str:
        return self.dialogue.step_kind

    @property
    def step(self) -> Step | None:
        return self.dialogue.current_step

    @property
    def has_follow_up(self) -> bool:
        return self.dialogue.has_follow_up

    @property
    def _number_offset(self) -> int:
        """How much smaller a step's shown number is than its stage: the follow-up is step 0."""
        return 1 if self.has_follow_up else 0

    @property
    def step_number(self) -> int | None:
        """The current step's number as people see it: 0 for the follow-up, the tool's 1-5 after it."""
        return self.dialogue.stage - self._number_offset if self.dialogue.stage else None

    @property
    def step_total(self) -> int:
        """How many steps the tool has; the follow-up step (0) comes on top and is not counted."""
        return len(self.steps) - self._number_offset

    @cached_property
    def minutes_per_step(self) -> list[int]:
        return suggested_minutes([step.kind for step in self.steps], self.dialogue.minutes)

    @property
    def step_minutes(self) -> int | None:
        return self.minutes_per_step[self.dialogue.stage - 1] if self.dialogue.stage else None

    @property
    def step_ends_at(self) -> datetime.datetime | None:
        if not self.dialogue.stage or not self.dialogue.stage_started_at:
            return None
        return self.dialogue.stage_started_at + datetime.timedelta(minutes=self.step_minutes)

    @property
    def stepper(self) -> list[dict]:
        return [
            {
                "number": stage - self._number_offset,
                "step": step,
                "minutes": minutes,
                "current": stage == self.dialogue.stage,
                "done": stage < self.dialogue.stage,
            }
            for stage, (step, minutes) in enumerate(zip(self.steps, self.minutes_per_step), start=1)
        ]

    # --- The follow-up of the group's last plan (step 0) -------------------------------------

    @cached_property
    def follow_up(self) -> "PlanFollowUp | None":
        """The plan followed up in step 0, with its cards and their actions: three queries in all."""
        plan_id = self.dialogue.follow_up_plan_id
        if plan_id is None:
            return None
        plan = first(ActionPlan, "id = %s", plan_id)
        if plan is None:
            return None
        cards = rows(ActionCard, "plan_id = %s", plan_id, order="position, id")
        actions = rows(
            Action, f"card_id IN (SELECT id FROM {ActionCard._meta.db_table} WHERE plan_id = %s)", plan_id, order="position, id"
        )
        by_card = defaultdict(list)
        for action in actions:
            by_card[action.card_id].append(action)
        for card in cards:
            card.plan_actions = by_card[card.pk]
            for action in card.plan_actions:
                action.card = card  # so that nothing reads the card again
        return PlanFollowUp(plan, cards, actions)

    # --- The level above (context) ------------------------------------------------------------

    @property
    def themes_above(self) -> ContextThemes | None:
        """For a leader group's dialogue (tool 2): the top management's newest prioritised
        themes. Looked up once per step, not on every push (a push comes with each person who
        joins the lobby): they change seldom, and a new step looks again."""
        dialogue = self.dialogue
        key = (dialogue.pk, dialogue.created_at, dialogue.stage, dialogue.stage_started_at)
        return _context_above.get(key, lambda: _themes_above(dialogue))

    # --- People and what they did ------------------------------------------------------------

    @cached_property
    def active_picks(self) -> list[Pick]:
        active = {person.pk for person in self.participants}
        return [pick for pid, pick in self.picks.items() if pid in active]

    @property
    def picked_count(self) -> int:
        return len(self.active_picks)

    def pick_of(self, participant: Participant) -> Pick | None:
        return self.picks.get(participant.pk)

    @cached_property
    def picks_by_card(self) -> dict[int, list[Pick]]:
        grouped = defaultdict(list)
        for pick in self.active_picks:
            grouped[pick.card_id].append(pick)
        return grouped

    @cached_property
    def round(self) -> list[Pick]:
        order = {person.pk: index for index, person in enumerate(self.participants)}
        return sorted(self.active_picks, key=lambda pick: order[pick.participant_id])

    @property
    def round_pick(self) -> Pick | None:
        position = self.dialogue.round_position
        return self.round[position] if position < len(self.round) else None

    def person(self, participant_id: int) -> Participant | None:
        return next((person for person in self.participants if person.pk == participant_id), None)

    # --- Dots -------------------------------------------------------------------------------

    @cached_property
    def dot_cards(self) -> list[Card]:
        if self.dialogue.dots_on_chosen_only:
            return [card for card in self.cards if card.pk in self.picks_by_card]
        return self.cards

    @cached_property
    def dots_by_participant(self) -> dict[int, Counter]:
        counted = defaultdict(Counter)
        for dot in self.dots:
            counted[dot.participant_id][dot.card_id] += 1
        return counted

    @cached_property
    def dots_used(self) -> dict[int, int]:
        return {participant_id: sum(counter.values()) for participant_id, counter in self.dots_by_participant.items()}

    def dot_rows(self, participant: Participant) -> list[dict]:
        """A participant's own dots per card, with the words a screen reader says for each button."""
        mine = self.dots_by_participant[participant.pk]
        return [
            {
                "card": card,
                "mine": mine.get(card.pk, 0),
                "mine_label": dot_label(mine.get(card.pk, 0)),
                "add_label": _("Put a dot on %(title)s") % {"title": card.title},
                "remove_label": _("Take a dot off %(title)s") % {"title": card.title},
            }
            for card in self.dot_cards
        ]

    def dots_left(self, participant: Participant) -> int:
        return Dialogue.DOTS_PER_PARTICIPANT - sum(self.dots_by_participant[participant.pk].values())

    @property
    def dots_placed(self) -> int:
        return len(self.dots)

    @property
    def dots_possible(self) -> int:
        return Dialogue.DOTS_PER_PARTICIPANT * len(self.participants)

    @cached_property
    def tally(self) -> list[dict]:
        """The cards that can take dots, most dots first, each with its share of the largest."""
        counts = Counter(dot.card_id for dot in self.dots)
        top = max(counts.values(), default=0) or 1
        themed = {theme.card_id for theme in self.themes}
        rows = [
            {
                "card": card,
                "count": counts[card.pk],
                "count_label": dot_label(counts[card.pk]),
                "share": round(100 * counts[card.pk] / top),
                "confirmed": card.pk in themed,
            }
            for card in self.dot_cards
        ]
        return sorted(rows, key=lambda row: -row["count"])

    # --- Themes and next steps ---------------------------------------------------------------

    @cached_property
    def ordered_next_steps(self) -> list[NextStep]:
        position = {theme.card_id: theme.position for theme in self.themes}
        return sorted(self.next_steps, key=lambda step: position.get(step.card_id, 99))


class PlanFollowUp:
    """A plan as step 0 shows it: its action cards, each with its actions, and how many are done."""

    def __init__(self, plan: ActionPlan, cards: list[ActionCard], actions: list[Action]):
        self.plan = plan
        self.cards = cards
        self.actions = actions
        # As on the plan page (plans.progress): dropped actions are not counted.
        self.total = sum(1 for action in actions if action.status != Action.Status.DROPPED)
        self.done = sum(1 for action in actions if action.status == Action.Status.DONE)
        # The status choices in order, for the facilitator's buttons: (value, label).
        self.statuses = Action.Status.choices


def dot_label(count: int) -> str:
    return ngettext("%(count)s dot", "%(count)s dots", count) % {"count": count}
