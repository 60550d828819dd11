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
