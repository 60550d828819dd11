from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class ContentConfig(AppConfig):
    name = "ledertrivsel.content"
    verbose_name = _("Dialogue tools")

    def ready(self):
        post_migrate.connect(load_tools_after_migrate, sender=self)


def load_tools_after_migrate(sender, using="default", **kwargs):
    """Every migrated database holds the three tools, so a fresh install is usable at once."""
    from .loader import load_tools

    load_tools(using=using)
