"""A live dialogue: one run of a tool's five steps by a group, and what the group entered."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from ledertrivsel.content.cache import tool_content
from ledertrivsel.content.models import Card, Step, Tool
from ledertrivsel.organisations.models import Group, Organisation

# Six characters without look-alikes (no 0/O, 1/I/L): 31^6 ≈ 887 million codes.
JOIN_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
JOIN_CODE_LENGTH = 6


def new_join_code() -> str:
    return "".join(secrets.choice(JOIN_CODE_ALPHABET) for _ in range(JOIN_CODE_LENGTH))


# The step before the cards in a group's next dialogue: it is no step of the tool, so it is
# made here and never saved. Its text is a lazy translation, read in each screen's language.
PLAN_FOLLOW_UP = "plan_follow_up"


def plan_follow_up_step(tool_id: int) -> Step:
    title = _("Follow-up on the last action plan")
    text = _(
        "Go through the actions of the group's last action plan together and update their status: "
        "what is done, what is under way, what was dropped? Then you lay out the cards."
    )
    # position -1: `Step.number` is then 0, and the tool's own steps keep their numbers 1-5.
    return Step(tool_id=tool_id, position=-1, kind=PLAN_FOLLOW_UP, title_da=title, title_en=title, text_da=text, text_en=text)


class Dialogue(models.Model):
    """Stage 0 is the lobby, where people join; stage n is the n-th of `steps()`: the tool's
    step n, or, when the group's last plan is followed up, that step first and the tool's
    step n-1 after it."""

    DOTS_PER_PARTICIPANT = 3
    MAX_THEMES = 3
    NAME_MAX = 60
    REASON_MAX = 500

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="dialogues")
    group = models.ForeignKey(
        Group, on_delete=models.SET_NULL, null=True, blank=True, related_name="dialogues", verbose_name=_("group")
    )
    # The group's last plan, followed up in a step before the cards (see `steps`).
    follow_up_plan = models.ForeignKey(
        "plans.ActionPlan", on_delete=models.SET_NULL, null=True, blank=True, related_name="followed_up_in"
    )
    # Kept apart from follow_up_plan so that the steps (and so every stage number) stay put
    # if that plan is deleted while the dialogue runs.
    opens_with_follow_up = models.BooleanField(default=False)
    tool = models.ForeignKey(Tool, on_delete=models.PROTECT, related_name="dialogues")
    title = models.CharField(_("title"), max_length=120)
    facilitator = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    code = models.CharField(max_length=JOIN_CODE_LENGTH, unique=True)
    minutes = models.PositiveSmallIntegerField(_("time frame (minutes)"))
    anonymous = models.BooleanField(_("anonymous"), default=False)
    dots_on_chosen_only = models.BooleanField(default=False)
    stage = models.PositiveSmallIntegerField(default=0)
    stage_started_at = models.DateTimeField(null=True, blank=True)
    revealed = models.BooleanField(default=False)
    locked = models.BooleanField(default=False)
    round_position = models.PositiveSmallIntegerField(default=0)
    # Bumped by every change, so a screen can tell which state it shows.
    version = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("dialogue")
        verbose_name_plural = _("dialogues")

    def __str__(self):
        return f"{self.title} ({self.code})"

    @property
    def is_ended(self) -> bool:
        return self.ended_at is not None

    @property
    def has_follow_up(self) -> bool:
        return self.opens_with_follow_up

    def steps(self) -> list[Step]:
        steps = tool_content(self.tool_id).steps
        if self.has_follow_up:
            return [plan_follow_up_step(self.tool_id), *steps]
        return steps

    @property
    def current_step(self) -> Step | None:
        return self.steps()[self.stage - 1] if self.stage else None

    @property
    def step_kind(self) -> str:
        return self.current_step.kind if self.stage else "lobby"


class Participant(models.Model):
    """Someone at the table. Joins with a name and no account, or is added by the facilitator."""

    dialogue = models.ForeignKey(Dialogue, on_delete=models.CASCADE, related_name="participants")
    name = models.CharField(_("name"), max_length=Dialogue.NAME_MAX)
    has_device = models.BooleanField(default=True)
    joined_at = models.DateTimeField(auto_now_add=True)
    removed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["joined_at", "id"]
        constraints = [
            models.UniqueConstraint(
                Lower("name"), "dialogue", condition=models.Q(removed_at__isnull=True), name="unique_participant_name"
            )
        ]

    def __str__(self):
        return self.name


class Pick(models.Model):
    """A participant's one card (step 2) and the reason they give for it (step 3)."""

    dialogue = models.ForeignKey(Dialogue, on_delete=models.CASCADE, related_name="picks")
    participant = models.OneToOneField(Participant, on_delete=models.CASCADE, related_name="pick")
    card = models.ForeignKey(Card, on_delete=models.PROTECT, related_name="+")
    reason = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)


class Dot(models.Model):
    """One of a participant's three dots in the prioritisation (step 4); several may sit on one card."""

    dialogue = models.ForeignKey(Dialogue, on_delete=models.CASCADE, related_name="dots")
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="dots")
    card = models.ForeignKey(Card, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)


class PrioritisedTheme(models.Model):
    """A theme (card) the group confirmed to work on, 1 to 3 per dialogue."""

    dialogue = models.ForeignKey(Dialogue, on_delete=models.CASCADE, related_name="themes")
    card = models.ForeignKey(Card, on_delete=models.PROTECT, related_name="+")
    position = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["position"]
        constraints = [models.UniqueConstraint(fields=["dialogue", "card"], name="unique_dialogue_theme")]


class NextStep(models.Model):
    """The draft action card for a prioritised theme (step 5), in the template's fields."""

    dialogue = models.ForeignKey(Dialogue, on_delete=models.CASCADE, related_name="next_steps")
    card = models.ForeignKey(Card, on_delete=models.PROTECT, related_name="+")
    why = models.TextField(_("Why is it important? (current situation)"), blank=True)
    desired_effect = models.TextField(_("Desired effect / signs that it works"), blank=True)
    actions = models.TextField(_("Concrete actions"), blank=True)
    responsible = models.CharField(_("Responsible"), max_length=200, blank=True)
    deadline = models.DateField(_("Deadline"), null=True, blank=True)
    involved = models.CharField(_("Involved"), max_length=200, blank=True)
    resources = models.CharField(_("Resources"), max_length=200, blank=True)
    follow_up_date = models.DateField(_("Follow-up date"), null=True, blank=True)
    follow_up_forum = models.CharField(_("Follow-up forum"), max_length=200, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    TEXT_FIELDS = ("why", "desired_effect", "actions")
    LINE_FIELDS = ("responsible", "involved", "resources", "follow_up_forum")
    DATE_FIELDS = ("deadline", "follow_up_date")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["dialogue", "card"], name="unique_dialogue_next_step")]

    @property
    def is_blank(self) -> bool:
        return not any(getattr(self, name) for name in (*self.TEXT_FIELDS, *self.LINE_FIELDS, *self.DATE_FIELDS))
