from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ledertrivsel.organisations.models import Organisation


class AuditEvent(models.Model):
    """Who exported, changed a role or read a confidential record, and when. It names the
    thing (a title, an e-mail address) but never holds its content."""

    class Kind(models.TextChoices):
        EXPORT = "export", _("Export")
        INVITATION = "invitation", _("Invitation")
        ROLE_CHANGE = "role_change", _("Role change")
        MEMBER_REMOVED = "member_removed", _("Removed from the organisation")
        SETTINGS_CHANGE = "settings_change", _("Settings")
        PERSONAL_DATA_EXPORT = "personal_data_export", _("Personal data downloaded")
        DELETION_REQUESTED = "deletion_requested", _("Deletion requested")
        PERSON_DELETED = "person_deleted", _("Person deleted")
        RETENTION_DELETION = "retention_deletion", _("Deleted after the retention period")
        ONE_ON_ONE_READ = "one_on_one_read", _("1-1 read")
        ACCESS_REFUSED = "access_refused", _("Access refused")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="audit_events")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    # Kept as text so the log still says who it was after an account is deleted.
    actor_label = models.CharField(max_length=254, blank=True)
    kind = models.CharField(max_length=30, choices=Kind.choices)
    subject = models.CharField(max_length=254, blank=True)
    details = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["organisation", "-created_at"], name="audit_by_organisation")]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_label} {self.kind}"

    def describe(self) -> str:
        """One sentence in the reader's language; built when shown, not when written."""
        from .describe import describe

        return describe(self)



