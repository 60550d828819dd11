"""Tool 3: the chief's confidential 1-1 with one of their leaders.

Everything here is readable by its two parties only (access.py). The models are not
registered in the Django admin, on purpose: an administrator, HR or a superuser has no view
of them. A party's private notes are readable by that party alone.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ledertrivsel.content.models import Card
from ledertrivsel.organisations.models import Group, Organisation


class OneOnOne(models.Model):
    class Stage(models.TextChoices):
        PREPARING = "preparing", _("Preparing")
        CONVERSATION = "conversation", _("In conversation")
        DONE = "done", _("Done")

    MAX_LEADER_CARDS = 3
    MAX_CHIEF_CARDS = 1
    MAX_AGREEMENTS = 10

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="one_on_ones")
    chief = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="one_on_ones_as_chief")
    leader = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="one_on_ones_as_leader")
    # The leader group whose prioritised themes the 1-1 shows as context.
    group = models.ForeignKey(Group, on_delete=models.SET_NULL, null=True, blank=True, related_name="one_on_ones")
    # The last 1-1 between the same two when this one was made: it opens with its agreements.
    previous = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    planned_for = models.DateField(_("date of the conversation"), null=True, blank=True)
    stage = models.CharField(max_length=20, choices=Stage.choices, default=Stage.PREPARING)
    follow_up_date = models.DateField(_("follow-up date"), null=True, blank=True)
    # What the two agree may be told beyond them; nothing else leaves the room.
    shareable = models.TextField(_("what may be shared beyond the two of us"), blank=True, max_length=1000)
    version = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("1-1 conversation")
        verbose_name_plural = _("1-1 conversations")

    def __str__(self):
        return f"1-1 #{self.pk}"

    def party(self, user) -> str | None:
        """"chief" or "leader" when `user` is one of the two, else None."""
        if user is None or not user.is_authenticated:
            return None
        if user.pk == self.leader_id:
            return "leader"
        if user.pk == self.chief_id:
            return "chief"
        return None


class Preparation(models.Model):
    """One party's private preparation: notes no one else can read."""

    one_on_one = models.ForeignKey(OneOnOne, on_delete=models.CASCADE, related_name="preparations")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    notes = models.TextField(_("your private notes"), blank=True, max_length=5000)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["one_on_one", "person"], name="one_preparation_each")]


class ChosenCard(models.Model):
    """A card a party picked: the leader 1-3, the chief at most one. Only the cards marked to
    bring are seen by the other party, and only once the conversation starts."""

    class By(models.TextChoices):
        LEADER = "leader", _("Leader")
        CHIEF = "chief", _("Chief")

    one_on_one = models.ForeignKey(OneOnOne, on_delete=models.CASCADE, related_name="cards")
    card = models.ForeignKey(Card, on_delete=models.PROTECT, related_name="+")
    chosen_by = models.CharField(max_length=10, choices=By.choices)
    bring = models.BooleanField(default=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [models.UniqueConstraint(fields=["one_on_one", "card", "chosen_by"], name="card_chosen_once")]


class Agreement(models.Model):
    class Owner(models.TextChoices):
        LEADER = "leader", _("The leader")
        CHIEF = "chief", _("The chief")
        ORGANISATION = "organisation", _("The organisation")

    one_on_one = models.ForeignKey(OneOnOne, on_delete=models.CASCADE, related_name="agreements")
    what = models.CharField(_("what we agree"), max_length=300)
    owner = models.CharField(_("whose"), max_length=20, choices=Owner.choices)
    due = models.DateField(_("by when"), null=True, blank=True)
    done = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
