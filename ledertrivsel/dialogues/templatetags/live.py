from django import template
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def oob(enabled) -> str:
    """The attribute that tells htmx to swap a pushed fragment into place by its id."""
    return mark_safe(' hx-swap-oob="true"') if enabled else ""  # a constant: nothing to escape


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None


@register.filter
def dot_count(counter, card):
    return counter.get(card.pk, 0) if counter else 0


@register.simple_tag
def person_label(state, participant, number=None):
    """A participant's name, or a neutral label when the dialogue is anonymous."""
    from django.utils.translation import gettext as _

    if state.dialogue.anonymous:
        return _("Participant") if number is None else _("Participant %(number)s") % {"number": number}
    return participant.name


@register.simple_tag
def tally_rows(state):
    from ledertrivsel.dialogues.live_render import render_tally_rows

    return mark_safe(render_tally_rows(state))  # rendered from an autoescaping template
