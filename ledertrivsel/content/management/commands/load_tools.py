from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ledertrivsel.content.loader import DATA_DIR, load_tools
from ledertrivsel.content.schema import ContentError


class Command(BaseCommand):
    help = "Load (or reload) the dialogue tools from their data files. Checks every file before writing."

    def add_arguments(self, parser):
        parser.add_argument("--data-dir", type=Path, default=DATA_DIR)

    def handle(self, *args, data_dir, **options):
        try:
            tools = load_tools(data_dir)
        except ContentError as error:
            raise CommandError(str(error)) from error
        for tool in tools:
            self.stdout.write(f"{tool.number}. {tool.title_da}: {tool.cards.count()} cards, {tool.steps.count()} steps")
