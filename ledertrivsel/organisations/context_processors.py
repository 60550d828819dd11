from django.utils.functional import SimpleLazyObject

from .access import administered_organisations, facilitated_organisations


def administration(request):
    """What the menu offers this person: asked only when a page's menu is drawn."""
    return {
        "administers": SimpleLazyObject(lambda: administered_organisations(request.user).exists()),
        "facilitates": SimpleLazyObject(lambda: facilitated_organisations(request.user).exists()),
    }
