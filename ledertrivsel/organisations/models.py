from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Organisation(models.Model):
    """A municipality, region or company: everything a user sees belongs to one."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self):
        return self.name


class Membership(models.Model):
    class Role(models.TextChoices):
        ADMINISTRATOR = "administrator", _("Administrator (HR)")
        FACILITATOR = "facilitator", _("Facilitator")
        CHIEF = "chief", _("Chief")
        LEADER = "leader", _("Leader")

    FACILITATING_ROLES = (Role.ADMINISTRATOR, Role.FACILITATOR)

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "organisation"], name="unique_membership")]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")

    def __str__(self):
        return f"{self.user} · {self.organisation} · {self.role}"

    @property
    def can_facilitate(self) -> bool:
        return self.role in self.FACILITATING_ROLES


class Group(models.Model):
    """A named group in an organisation that holds dialogues and owns their action plans:
    the top management, the MED committee, HR, or a leader group with its chief and leaders."""

    class Kind(models.TextChoices):
        TOP_MANAGEMENT = "top_management", _("Top management")
        MED = "med", _("MED committee")
        HR = "hr", _("HR")
        LEADER_GROUP = "leader_group", _("Leader group")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="groups")
    name = models.CharField(_("name"), max_length=120)
    kind = models.CharField(_("kind of group"), max_length=20, choices=Kind.choices)
    # The person who runs the group's dialogues and keeps its action plan up to date.
    facilitator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="facilitated_groups",
        verbose_name=_("facilitator"),
    )
    members = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="work_groups", verbose_name=_("members"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["organisation", "name"], name="unique_group_name")]
        verbose_name = _("group")
        verbose_name_plural = _("groups")

    def __str__(self):
        return self.name
