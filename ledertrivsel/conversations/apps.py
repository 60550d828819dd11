from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConversationsConfig(AppConfig):
    name = "ledertrivsel.conversations"
    verbose_name = _("1-1 conversations")
