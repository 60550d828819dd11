import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Organisation(models.Model):
    """A municipality, region or company: everything a user sees belongs to one."""

    DEFAULT_RETENTION_MONTHS = 24

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(unique=True)
    # GDPR storage limitation: dialogues (and 1-1s) older than this are deleted by
    # `manage.py apply_retention`; action plans stay.
    retention_months = models.PositiveSmallIntegerField(
        _("retention (months)"),
        default=DEFAULT_RETENTION_MONTHS,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
        help_text=_("Dialogues and 1-1 conversations are deleted this many months after they took place. Action plans are kept."),
    )
    dpo_contact = models.CharField(
        _("data-protection officer"), max_length=200, blank=True,
        help_text=_("Name and e-mail of the organisation's data-protection officer, shown on the data-protection page."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self):
        return self.name


class Unit(models.Model):
    """A part of the organisation — an administration, a department, an institution — that
    people belong to; insights can be read by unit."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="units")
    name = models.CharField(_("name"), max_length=120)
    parent = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="children", verbose_name=_("part of")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["organisation", "name"], name="unique_unit_name")]
        verbose_name = _("unit")
        verbose_name_plural = _("units")

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
    unit = models.ForeignKey(Unit, on_delete=models.SET_NULL, null=True, blank=True, related_name="memberships", verbose_name=_("unit"))
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
    # A leader group's chief: runs tool 2 with the group and tool 3 with each of its leaders.
    chief = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="led_groups",
        verbose_name=_("chief"),
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


class Invitation(models.Model):
    """An e-mail invitation to take a role in an organisation. Only a hash of the token is
    stored, so a copy of the database cannot be used to accept someone else's invitation."""

    VALID_FOR = timedelta(days=14)

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("e-mail"))
    name = models.CharField(_("name"), max_length=150, blank=True)
    role = models.CharField(_("role"), max_length=20, choices=Membership.Role.choices)
    unit = models.ForeignKey(Unit, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("unit"))
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self):
        return f"{self.email} · {self.organisation}"

    @staticmethod
    def hash_token(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()

    @classmethod
    def new_token(cls) -> tuple[str, str]:
        token = secrets.token_urlsafe(32)
        return token, cls.hash_token(token)

    @property
    def is_open(self) -> bool:
        return self.accepted_at is None and self.withdrawn_at is None and self.expires_at > timezone.now()
