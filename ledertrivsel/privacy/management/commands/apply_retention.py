"""Delete dialogues (and, with tool 3, 1-1s) older than each organisation's retention period;
action plans stay. Meant for a daily cron job or systemd timer:

    30 3 * * *  cd /srv/ledertrivsel && .venv/bin/ledertrivsel manage apply_retention
"""

from django.core.management.base import BaseCommand
from django.utils import formats, timezone
from django.utils.translation import ngettext

from ledertrivsel.privacy.retention import apply_retention


class Command(BaseCommand):
    help = (
        "Delete the dialogues that took place longer ago than their organisation's retention period "
        "(Organisation.retention_months), with everything in them. Action plans are kept. Safe to run daily."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Count what would be deleted, delete nothing.")

    def handle(self, *args, dry_run=False, **options):
        outcomes = apply_retention(dry_run=dry_run)
        for outcome in outcomes:
            self.stdout.write(self._line(outcome, dry_run))
        dialogues = sum(outcome.counts.get("dialogues", 0) for outcome in outcomes)
        if dry_run:
            summary = ngettext(
                "Dry run: %(count)s dialogue would be deleted. Nothing was changed.",
                "Dry run: %(count)s dialogues would be deleted. Nothing was changed.",
                dialogues,
            )
        else:
            summary = ngettext("%(count)s dialogue deleted.", "%(count)s dialogues deleted.", dialogues)
        self.stdout.write(self.style.SUCCESS(summary % {"count": dialogues}))

    def _line(self, outcome, dry_run: bool) -> str:
        count = outcome.counts.get("dialogues", 0)
        date = formats.date_format(timezone.localtime(outcome.cutoff), "DATE_FORMAT")
        text = (
            ngettext(
                "%(organisation)s: %(count)s dialogue from before %(date)s would be deleted (retention %(months)s months).",
                "%(organisation)s: %(count)s dialogues from before %(date)s would be deleted (retention %(months)s months).",
                count,
            )
            if dry_run
            else ngettext(
                "%(organisation)s: %(count)s dialogue from before %(date)s deleted (retention %(months)s months).",
                "%(organisation)s: %(count)s dialogues from before %(date)s deleted (retention %(months)s months).",
                count,
            )
        )
        return text % {"organisation": outcome.organisation.name, "count": count, "date": date, "months": outcome.organisation.retention_months}
