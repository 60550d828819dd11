from django import template

from ledertrivsel.forloeb.access import chain_organisations

register = template.Library()


@register.simple_tag(takes_context=True)
def forloeb_organisations(context):
    """The organisations whose forløb the person looking may open (none when logged out)."""
    return list(chain_organisations(context["request"].user).order_by("name"))
