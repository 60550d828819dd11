"""Storage limitation (GDPR art. 5(1)(e)): what is deleted once an organisation's retention
period has passed. Run daily by `manage.py apply_retention`.

Each kind of record that expires is one line in `EXPIRING`; its model needs an `organisation`
foreign key and a date field saying when it took place. Deleting a record deletes what
cascades from it (a dialogue's participants, picks, reasons, dots, themes and next steps);
action plans only lose their link to the dialogue, so they stay.
"""

import datetime
from dataclasses import dataclass, field

from django.apps import apps
from django.db import transaction
from django.utils import timezone

from ledertrivsel.audit.log import record
from ledertrivsel.audit.models import AuditEvent
from ledertrivsel.organisations.models import Organisation

from .models import months_before


@dataclass(frozen=True)
class Expiring:
    model: str  # "app_label.ModelName"
    date_field: str  # when it took place; older than the retention period means deleted
    key: str  # its count's name in the audit event and the command's summary
    months: int | None = None  # a fixed period; None: the organisation's retention_months

    def older_than(self, organisation: Organisation, now: datetime.datetime):
        cutoff = months_before(now, self.months or organisation.retention_months)
        model = apps.get_model(self.model)
        return model.objects.filter(organisation=organisation, **{f"{self.date_field}__lt": cutoff})


# The audit log is the record of accountability (GDPR art. 5(2)); kept longer than dialogues.
AUDIT_LOG_YEARS = 5


EXPIRING = [
    Expiring("dialogues.Dialogue", "created_at", "dialogues"),
    Expiring("audit.AuditEvent", "created_at", "audit_events", months=AUDIT_LOG_YEARS * 12),
    Expiring("conversations.OneOnOne", "created_at", "one_on_ones"),
]


@dataclass
class Outcome:
    """What was (or, in a dry run, would be) deleted in one organisation."""

    organisation: Organisation
    cutoff: datetime.datetime
    counts: dict[str, int] = field(default_factory=dict)  # by Expiring.key
    rows: dict[str, int] = field(default_factory=dict)  # every deleted row by model label, cascades included

    @property
    def total(self) -> int:
        return sum(self.counts.values())


class _DryRun(Exception):
    """Raised inside the transaction to undo a dry run's deletions."""


def apply_retention(now: datetime.datetime | None = None, dry_run: bool = False) -> list[Outcome]:
    now = now or timezone.now()
    return [_apply_to(organisation, now, dry_run) for organisation in Organisation.objects.order_by("pk")]


def _apply_to(organisation: Organisation, now: datetime.datetime, dry_run: bool) -> Outcome:
    outcome = Outcome(organisation, months_before(now, organisation.retention_months))
    try:
        with transaction.atomic():
            for expiring in EXPIRING:
                # Deleting for real (and rolling back in a dry run) counts the cascades exactly.
                by_model = expiring.older_than(organisation, now).delete()[1]
                outcome.counts[expiring.key] = by_model.get(apps.get_model(expiring.model)._meta.label, 0)
                for label, count in by_model.items():
                    outcome.rows[label] = outcome.rows.get(label, 0) + count
            if dry_run:
                raise _DryRun
            if outcome.total:
                record(
                    AuditEvent.Kind.RETENTION_DELETION, organisation=organisation, subject=organisation.name,
                    months=organisation.retention_months, cutoff=outcome.cutoff.isoformat(), **outcome.counts, rows=outcome.rows,
                )
    except _DryRun:
        pass
    return outcome
