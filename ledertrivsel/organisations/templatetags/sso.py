from django import template
from django.conf import settings

from ledertrivsel.organisations.sso import provider_name

register = template.Library()


@register.simple_tag
def sso_provider_name() -> str:
    """The identity provider's name for the login button, or "" when single sign-on is off."""
    return provider_name() if settings.SSO_ENABLED else ""
