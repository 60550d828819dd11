import calendar
import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ledertrivsel.organisations.models import Organisation


def months_before(moment: datetime.datetime, months: int) -> datetime.datetime:
    """The same day and time `months` calendar months earlier (the 31st becomes the month's last day)."""
    month_index = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(month_index, 12)
    day = min(moment.day, calendar.monthrange(year, month + 1)[1])
    return moment.replace(year=year, month=month + 1, day=day)


def months_after(moment: datetime.datetime, months: int) -> datetime.datetime:
    return months_before(moment, -months)


class DeletionRequest(models.Model):
    """A person's request to have their personal data deleted (GDPR art. 17), one per
    organisation they belong to: each organisation's administrators answer for its data."""

    NOTE_MAX = 1000
    # GDPR art. 12(3): answer "without undue delay and in any event within one month".
    ANSWER_WITHIN_MONTHS = 1

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="deletion_requests")
    # Empty once the account is deleted; the address stays so the request shows it was answered.
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="deletion_requests"
    )
    person_email = models.EmailField(_("e-mail"))
    person_name = models.CharField(_("name"), max_length=300, blank=True)
    note = models.TextField(_("note"), max_length=NOTE_MAX, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    handled_at = models.DateTimeField(null=True, blank=True)
    handled_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    handled_by_label = models.CharField(max_length=254, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("deletion request")
        verbose_name_plural = _("deletion requests")

    def __str__(self):
        return f"{self.person_email} · {self.organisation}"

    @property
    def is_open(self) -> bool:
        return self.handled_at is None

    @property
    def deadline(self) -> datetime.datetime:
        return months_after(self.created_at, self.ANSWER_WITHIN_MONTHS)

    def is_overdue(self, now: datetime.datetime | None = None) -> bool:
        return self.is_open and self.deadline < (now or timezone.now())
