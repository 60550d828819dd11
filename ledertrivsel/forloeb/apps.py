from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ForloebConfig(AppConfig):
    name = "ledertrivsel.forloeb"
    verbose_name = _("Chain of dialogues")
