"""Every change to a live dialogue goes through a function here.

Each one checks who acts and whether the step allows it, writes in one short
transaction, bumps the dialogue's version and announces the change on commit.
A refusal raises DialogueError with a message for the person who acted.
"""

import datetime
from contextlib import contextmanager
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ledertrivsel.content.cache import tool_content
from ledertrivsel.content.models import Card, Tool
from ledertrivsel.lib.rows import execute, first, update_returning
from ledertrivsel.lib.text import clean_line, clean_text
from ledertrivsel.organisations.models import Group, Organisation
from ledertrivsel.plans import services as plan_services
from ledertrivsel.plans.models import Action, ActionPlan

from . import events
from .models import PLAN_FOLLOW_UP, Dialogue, Dot, NextStep, Participant, Pick, PrioritisedTheme, new_join_code


class DialogueError(Exception):
    """A refused change; `message` is shown to the person who tried it."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Actor:
    """Who acts: a facilitator (a logged-in user) or a participant (by their place in the dialogue)."""

    user_id: int | None = None
    participant_id: int | None = None

    @property
    def is_facilitator(self) -> bool:
        return self.user_id is not None


# --- Looking things up, with the refusals people see -----------------------------------------


def _dialogue_bumped(dialogue_id: int) -> Dialogue:
    """The dialogue with its version moved on, locked until the transaction ends: one UPDATE
    ... RETURNING takes the lock, bumps the version and reads the row in one round trip. A
    refused change rolls back, bump and all."""
    dialogue = update_returning(Dialogue, "version = version + 1", "id = %s", dialogue_id)
    if dialogue is None:
        raise DialogueError(_("This dialogue does not exist."))
    return dialogue


def _require_open(dialogue: Dialogue):
    if dialogue.is_ended:
        raise DialogueError(_("The dialogue has ended, so nothing can be changed."))


def _require_facilitator(actor: Actor):
    if not actor.is_facilitator:
        raise DialogueError(_("Only the facilitator can do that."))


def _require_step(dialogue: Dialogue, *kinds: str):
    if dialogue.step_kind not in kinds:
        raise DialogueError(_("That is not possible in this step. Follow the facilitator to the next step."))


def _require_unlocked(dialogue: Dialogue):
    if dialogue.locked:
        raise DialogueError(_("The facilitator has locked this step, so it cannot be changed now."))


def _card(dialogue: Dialogue, key) -> Card:
    card = tool_content(dialogue.tool_id).card_by_key.get(str(key or ""))
    if card is None:
        raise DialogueError(_("That card is not in this dialogue's deck."))
    return card


def _participant(dialogue: Dialogue, participant_id) -> Participant:
    try:
        participant_id = int(participant_id)
    except (TypeError, ValueError, OverflowError):  # OverflowError: JSON allows Infinity
        raise DialogueError(_("That person is not in this dialogue.")) from None
    participant = first(Participant, "id = %s AND dialogue_id = %s AND removed_at IS NULL", participant_id, dialogue.pk)
    if participant is None:
        raise DialogueError(_("That person is not in this dialogue."))
    return participant


def _acting_for(actor: Actor, dialogue: Dialogue, participant_id=None) -> Participant:
    """A participant acts for themselves; the facilitator records for people without a device."""
    if not actor.is_facilitator:
        if participant_id not in (None, "", actor.participant_id, str(actor.participant_id)):
            raise DialogueError(_("You can only change your own choices."))
        return _participant(dialogue, actor.participant_id)
    participant = _participant(dialogue, participant_id)
    if participant.has_device:
        raise DialogueError(
            _("%(name)s takes part from their own device and makes their own choices.") % {"name": participant.name}
        )
    return participant


@contextmanager
def _change(actor: Actor | None, dialogue_id: int, *steps: str, facilitator: bool = False, unlocked: bool = False):
    """The opening every change shares: who may act, one transaction, the dialogue locked
    for it (with its version already bumped) and still open, and (when given) the steps it is
    allowed in."""
    if facilitator:
        _require_facilitator(actor)
    with transaction.atomic():
        dialogue = _dialogue_bumped(dialogue_id)
        _require_open(dialogue)
        if steps:
            _require_step(dialogue, *steps)
        if unlocked:
            _require_unlocked(dialogue)
        yield dialogue


def _save(dialogue: Dialogue, *fields: str):
    """Writes the dialogue's own fields that a change set (its version was bumped by `_change`)."""
    if fields:
        dialogue.save(update_fields=list(fields))


def clean_name(value) -> str:
    name = clean_line(value)
    if not name:
        raise DialogueError(_("Write your name, so the others know who you are."))
    if len(name) > Dialogue.NAME_MAX:
        raise DialogueError(
            _("A name can be at most %(max)s characters; this one has %(count)s.") % {"max": Dialogue.NAME_MAX, "count": len(name)}
        )
    return name


def clean_code(value) -> str:
    return "".join(clean_line(value).upper().split())


# --- Starting, joining and leaving ------------------------------------------------------------


def plan_to_follow_up(group: Group) -> ActionPlan | None:
    """The group's last action plan, if it has at least one action to follow up."""
    plan = ActionPlan.objects.filter(group=group).order_by("-created_at", "-id").first()
    if plan is None or not Action.objects.filter(card__plan=plan).exists():
        return None
    return plan


def create_dialogue(
    *, user, organisation: Organisation, tool: Tool, title: str, minutes: int, anonymous: bool, group: Group | None = None
) -> Dialogue:
    """A new dialogue in its lobby. With a group whose last plan has actions, the dialogue
    opens with a step that follows that plan up (Dialogue.steps)."""
    follow_up_plan = None
    if group is not None:
        if group.organisation_id != organisation.pk:
            raise DialogueError(
                _("The group %(group)s belongs to another organisation than %(organisation)s. Choose one of its own groups.")
                % {"group": group.name, "organisation": organisation.name}
            )
        follow_up_plan = plan_to_follow_up(group)
    for _attempt in range(10):
        try:
            with transaction.atomic():
                return Dialogue.objects.create(
                    organisation=organisation,
                    group=group,
                    follow_up_plan=follow_up_plan,
                    opens_with_follow_up=follow_up_plan is not None,
                    tool=tool,
                    title=clean_line(title),
                    facilitator=user,
                    code=new_join_code(),
                    minutes=minutes,
                    anonymous=anonymous,
                )
        except IntegrityError:  # the code was taken; draw another
            continue
    raise DialogueError(_("No free join code could be found. Please try again."))


def find_dialogue_to_join(code) -> Dialogue:
    code = clean_code(code)
    if not code:
        raise DialogueError(_("Write the code shown on the shared screen."))
    dialogue = Dialogue.objects.filter(code=code).first()
    if dialogue is None:
        raise DialogueError(_("No dialogue has the code %(code)s. Check the code on the shared screen.") % {"code": code[:12]})
    if dialogue.is_ended:
        raise DialogueError(_("The dialogue with the code %(code)s has ended.") % {"code": code})
    return dialogue


def join(code, name) -> Participant:
    dialogue = find_dialogue_to_join(code)
    return _add_participant(dialogue.pk, clean_name(name), has_device=True)


def add_person_without_device(actor: Actor, dialogue_id: int, name) -> Participant:
    _require_facilitator(actor)
    return _add_participant(dialogue_id, clean_name(name), has_device=False)


def _add_participant(dialogue_id: int, name: str, *, has_device: bool) -> Participant:
    with _change(None, dialogue_id) as dialogue:
        if Participant.objects.filter(dialogue=dialogue, name__iexact=name, removed_at__isnull=True).exists():
            raise DialogueError(
                _("Someone in the dialogue is already called %(name)s. Add an initial or a surname.") % {"name": name}
            )
        participant = Participant.objects.create(dialogue=dialogue, name=name, has_device=has_device)
        events.announce(dialogue.pk, events.PEOPLE)
    return participant


def remove_participant(actor: Actor, dialogue_id: int, participant_id) -> None:
    """Takes a person out of the dialogue, with their pick and dots, which no longer count."""
    with _change(actor, dialogue_id, facilitator=True) as dialogue:
        participant = _participant(dialogue, participant_id)
        Pick.objects.filter(participant=participant).delete()
        Dot.objects.filter(participant=participant).delete()
        participant.removed_at = timezone.now()
        participant.save(update_fields=["removed_at"])
        events.announce(dialogue.pk, events.ALL, removed=[participant.pk])


# --- What participants do ---------------------------------------------------------------------


def pick(actor: Actor, dialogue_id: int, card_key, participant_id=None, action_id: str = "") -> None:
    with _change(actor, dialogue_id, "pick") as dialogue:
        if dialogue.revealed:
            raise DialogueError(_("The picks have been revealed, so they can no longer be changed."))
        _require_unlocked(dialogue)
        participant = _acting_for(actor, dialogue, participant_id)
        card = _card(dialogue, card_key)
        # The participant row is this person's own, so no one else changes the pick in between.
        if not Pick.objects.filter(participant=participant).update(card=card, updated_at=timezone.now()):
            Pick.objects.create(participant=participant, dialogue=dialogue, card=card)
        events.announce(dialogue.pk, events.PEOPLE, action_id=action_id, personal=[participant.pk])


def save_reason(actor: Actor, dialogue_id: int, reason, participant_id=None, action_id: str = "") -> None:
    reason = clean_text(reason)
    if len(reason) > Dialogue.REASON_MAX:
        raise DialogueError(
            _("A reason can be at most %(max)s characters; this one has %(count)s. Shorten it a little.")
            % {"max": Dialogue.REASON_MAX, "count": len(reason)}
        )
    with _change(actor, dialogue_id, "pick", "reasons", unlocked=True) as dialogue:
        participant = _acting_for(actor, dialogue, participant_id)
        updated = Pick.objects.filter(participant=participant).update(reason=reason, updated_at=timezone.now())
        if not updated:
            raise DialogueError(_("Pick a card first; then you can give your reason."))
        events.announce(dialogue.pk, events.PEOPLE, action_id=action_id, personal=[participant.pk])


def dot_cards(dialogue: Dialogue) -> list[Card]:
    """The cards that can take dots: all, or only those somebody picked."""
    cards = tool_content(dialogue.tool_id).cards
    if dialogue.dots_on_chosen_only:
        picked = set(Pick.objects.filter(dialogue=dialogue).values_list("card_id", flat=True))
        cards = [card for card in cards if card.pk in picked]
    return cards


def add_dot(actor: Actor, dialogue_id: int, card_key, participant_id=None, action_id: str = "") -> None:
    with _change(actor, dialogue_id, "prioritise", unlocked=True) as dialogue:
        acting_id = _acting_id(actor, dialogue, participant_id)
        card = _card(dialogue, card_key)
        if dialogue.dots_on_chosen_only and card.pk not in {card.pk for card in dot_cards(dialogue)}:
            raise DialogueError(_("In this round, dots go only on the cards that were picked."))
        if not _insert_dot_if_allowed(dialogue, acting_id, card):
            _participant(dialogue, acting_id)  # refuses someone who is not (or no longer) in the dialogue
            raise DialogueError(
                ngettext(
                    "You have used your %(count)s dot. Take it off a card to move it.",
                    "You have used your %(count)s dots. Take one off a card to move it.",
                    Dialogue.DOTS_PER_PARTICIPANT,
                )
                % {"count": Dialogue.DOTS_PER_PARTICIPANT}
            )
        events.announce(dialogue.pk, events.PEOPLE, action_id=action_id, personal=[acting_id])


def remove_dot(actor: Actor, dialogue_id: int, card_key, participant_id=None, action_id: str = "") -> None:
    with _change(actor, dialogue_id, "prioritise", unlocked=True) as dialogue:
        acting_id = _acting_id(actor, dialogue, participant_id)
        card = _card(dialogue, card_key)
        table = Dot._meta.db_table
        newest = f"SELECT id FROM {table} WHERE participant_id = %s AND card_id = %s ORDER BY created_at DESC, id DESC LIMIT 1"
        # A removed participant's dots were deleted with them, so this finds none of theirs.
        if not execute(f"DELETE FROM {table} WHERE id IN ({newest})", acting_id, card.pk):
            _participant(dialogue, acting_id)
            raise DialogueError(_("There is no dot of yours on that card."))
        events.announce(dialogue.pk, events.PEOPLE, action_id=action_id, personal=[acting_id])


def _acting_id(actor: Actor, dialogue: Dialogue, participant_id=None) -> int:
    """Who a dot is for. A participant acts for themselves, and the statement that writes the
    dot checks that they are still in the dialogue, which saves a round trip on the busiest
    action; the facilitator's recording for someone without a device is checked in full."""
    if actor.is_facilitator:
        return _acting_for(actor, dialogue, participant_id).pk
    if participant_id not in (None, "", actor.participant_id, str(actor.participant_id)):
        raise DialogueError(_("You can only change your own choices."))
    return actor.participant_id


def _insert_dot_if_allowed(dialogue: Dialogue, participant_id: int, card: Card) -> bool:
    """Places the dot in one statement, if the participant is in the dialogue and has a dot
    left: the dialogue's row lock (see `_change`) keeps two of their dots from racing."""
    dots, people = Dot._meta.db_table, Participant._meta.db_table
    created_at = connection.ops.adapt_datetimefield_value(timezone.now())
    return bool(
        execute(
            f"INSERT INTO {dots} (dialogue_id, participant_id, card_id, created_at) SELECT %s, %s, %s, %s "
            f"WHERE EXISTS (SELECT 1 FROM {people} WHERE id = %s AND dialogue_id = %s AND removed_at IS NULL) "
            f"AND (SELECT COUNT(*) FROM {dots} WHERE participant_id = %s) < %s",
            dialogue.pk, participant_id, card.pk, created_at,
            participant_id, dialogue.pk, participant_id, Dialogue.DOTS_PER_PARTICIPANT,
        )
    )


# --- What the facilitator does ----------------------------------------------------------------


def go_to_stage(actor: Actor, dialogue_id: int, direction) -> None:
    """Moves everyone one step on (+1) or back (-1). Passing the pick step reveals the picks."""
    _require_facilitator(actor)
    step = 1 if str(direction) in ("1", "+1", "next") else -1
    with _change(actor, dialogue_id) as dialogue:
        target = dialogue.stage + step
        if not 0 <= target <= len(dialogue.steps()):
            raise DialogueError(_("There is no step that way."))
        if step > 0 and dialogue.step_kind == "prioritise" and not dialogue.themes.exists():
            raise DialogueError(_("Confirm 1-3 themes before you go on to the next steps."))
        if step > 0 and dialogue.step_kind == "pick":
            dialogue.revealed = True
        dialogue.stage = target
        dialogue.stage_started_at = timezone.now()
        dialogue.locked = False
        dialogue.round_position = 0
        _save(dialogue, "stage", "stage_started_at", "locked", "round_position", "revealed")
        events.announce(dialogue.pk, events.ALL)


def reveal(actor: Actor, dialogue_id: int) -> None:
    with _change(actor, dialogue_id, "pick", facilitator=True) as dialogue:
        dialogue.revealed = True
        _save(dialogue, "revealed")
        events.announce(dialogue.pk, events.ALL)


def set_locked(actor: Actor, dialogue_id: int, locked: bool) -> None:
    with _change(actor, dialogue_id, facilitator=True) as dialogue:
        dialogue.locked = bool(locked)
        _save(dialogue, "locked")
        events.announce(dialogue.pk, events.ALL)


def move_round(actor: Actor, dialogue_id: int, delta) -> None:
    with _change(actor, dialogue_id, "reasons", facilitator=True) as dialogue:
        target = dialogue.round_position + (1 if str(delta) in ("1", "+1", "next") else -1)
        # The round is everyone still here who picked a card (DialogueState.round orders it).
        in_round = Pick.objects.filter(dialogue=dialogue, participant__removed_at__isnull=True).count()
        if not 0 <= target < in_round:
            raise DialogueError(_("There is nobody more that way in the round."))
        dialogue.round_position = target
        _save(dialogue, "round_position")
        events.announce(dialogue.pk, events.ALL)


def set_dot_scope(actor: Actor, dialogue_id: int, chosen_only: bool) -> None:
    with _change(actor, dialogue_id, "prioritise", facilitator=True) as dialogue:
        if Dot.objects.filter(dialogue=dialogue).exists():
            raise DialogueError(_("Dots have been placed already. Choose which cards take dots before anyone votes."))
        dialogue.dots_on_chosen_only = bool(chosen_only)
        _save(dialogue, "dots_on_chosen_only")
        events.announce(dialogue.pk, events.ALL)


def confirm_themes(actor: Actor, dialogue_id: int, card_keys) -> None:
    _require_facilitator(actor)
    keys = [str(key) for key in (card_keys if isinstance(card_keys, list) else [card_keys]) if key]
    keys = list(dict.fromkeys(keys))
    if not 1 <= len(keys) <= Dialogue.MAX_THEMES:
        raise DialogueError(_("Choose 1-3 themes to work on."))
    with _change(actor, dialogue_id, "prioritise") as dialogue:
        cards = [_card(dialogue, key) for key in keys]
        PrioritisedTheme.objects.filter(dialogue=dialogue).delete()
        PrioritisedTheme.objects.bulk_create(
            PrioritisedTheme(dialogue=dialogue, card=card, position=position) for position, card in enumerate(cards, 1)
        )
        NextStep.objects.filter(dialogue=dialogue).exclude(card__in=cards).delete()
        for card in cards:
            NextStep.objects.get_or_create(dialogue=dialogue, card=card)
        events.announce(dialogue.pk, events.ALL)


def _parse_date(field: str, value) -> datetime.date | None:
    value = clean_line(value)
    if not value:
        return None
    try:
        date = datetime.date.fromisoformat(value)
    except ValueError:
        raise DialogueError(_("Write the date as a date, for example 2027-03-31.")) from None
    if date < timezone.localdate():
        raise DialogueError(_("The date %(date)s has already passed. Choose a date from today on.") % {"date": date.isoformat()})
    return date


def save_next_step(actor: Actor, dialogue_id: int, card_key, fields: dict, action_id: str = "") -> None:
    _require_facilitator(actor)
    values = {}
    for name in NextStep.TEXT_FIELDS:
        values[name] = clean_text(fields.get(name, ""))
        if len(values[name]) > 2000:
            raise DialogueError(_("A field can hold at most 2000 characters."))
    for name in NextStep.LINE_FIELDS:
        values[name] = clean_line(fields.get(name, ""))
        if len(values[name]) > 200:
            raise DialogueError(_("A short field can hold at most 200 characters."))
    for name in NextStep.DATE_FIELDS:
        values[name] = _parse_date(name, fields.get(name, ""))
    with _change(actor, dialogue_id, "next_steps") as dialogue:
        card = _card(dialogue, card_key)
        updated = NextStep.objects.filter(dialogue=dialogue, card=card).update(**values, updated_at=timezone.now())
        if not updated:
            raise DialogueError(_("That theme is not among the prioritised themes."))
        events.announce(dialogue.pk, events.DRAFTS, action_id=action_id)


def _plan_action(dialogue: Dialogue, action_id) -> Action:
    """An action of the plan this dialogue follows up; any other id is refused."""
    try:
        action_id = int(action_id)
    except (TypeError, ValueError, OverflowError):
        action_id = None
    action = None
    if action_id is not None and dialogue.follow_up_plan_id is not None:
        action = Action.objects.select_related("card").filter(pk=action_id, card__plan_id=dialogue.follow_up_plan_id).first()
    if action is None:
        raise DialogueError(_("That action is not in the action plan this dialogue follows up."))
    return action


def set_action_status(actor: Actor, dialogue_id: int, action_id, status) -> None:
    """Step 0: the group updates the status of an action of its last plan. The plan's history
    records the change with the dialogue it was made in."""
    with _change(actor, dialogue_id, PLAN_FOLLOW_UP, facilitator=True) as dialogue:
        action = _plan_action(dialogue, action_id)
        status = str(status or "")
        if status not in Action.Status.values:
            raise DialogueError(_("That status does not exist."))
        user = get_user_model().objects.filter(pk=actor.user_id).first()
        try:
            plan_services.set_status(action, user, status, dialogue=dialogue)
        except plan_services.PlanError as error:
            raise DialogueError(error.message) from None
        events.announce(dialogue.pk, events.ALL)


def end_dialogue(actor: Actor, dialogue_id: int) -> None:
    with _change(actor, dialogue_id, facilitator=True) as dialogue:
        dialogue.ended_at = timezone.now()
        dialogue.locked = True
        _save(dialogue, "ended_at", "locked")
        events.announce(dialogue.pk, events.ALL)
