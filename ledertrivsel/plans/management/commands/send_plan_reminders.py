"""Remind the people responsible for actions whose deadline is near. Meant for a daily cron job:

    15 7 * * *  cd /srv/ledertrivsel && .venv/bin/ledertrivsel manage send_plan_reminders
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from ledertrivsel.plans.reminders import send_reminders


class Command(BaseCommand):
    help = (
        "Email the people responsible for open actions whose deadline is within --days days "
        "(setting PLAN_REMINDER_DAYS). Each deadline is reminded once; safe to run daily."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=None, help="How many days before a deadline to remind (default: PLAN_REMINDER_DAYS).")
        parser.add_argument("--dry-run", action="store_true", help="List who would be reminded, send nothing and mark nothing.")

    def handle(self, *args, days=None, dry_run=False, **options):
        days = settings.PLAN_REMINDER_DAYS if days is None else days
        if days < 0:
            raise CommandError("--days must be 0 or more.")
        run = send_reminders(days, dry_run=dry_run)
        verb = "Would remind" if dry_run else "Reminded"
        for reminder in run.sent:
            self.stdout.write(f"{verb} {reminder.email}: {len(reminder.actions)} action(s)")
        for reminder, error in run.failed:
            self.stderr.write(f"Could not email {reminder.email}: {error}")
        self.stdout.write(
            self.style.SUCCESS(f"{verb} {len(run.sent)} person(s) about {run.action_count} action(s) due within {days} day(s).")
        )
        if run.failed:
            raise CommandError(f"{len(run.failed)} reminder(s) could not be sent; they are tried again on the next run.")
