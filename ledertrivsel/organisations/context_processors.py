from django.utils.functional import SimpleLazyObject

from .access import administered_organisations, facilitated_organisations, runs_dialogues


def administration(request):
    """What the menu offers this person: asked only when a page's menu is drawn."""
    return {
        "administers": SimpleLazyObject(lambda: administered_organisations(request.user).exists()),
        # A leader group's chief runs its dialogues too ("My dialogues"), but manages no groups.
        "facilitates": SimpleLazyObject(lambda: runs_dialogues(request.user)),
        "manages_groups": SimpleLazyObject(lambda: facilitated_organisations(request.user).exists()),
        "has_one_on_ones": SimpleLazyObject(lambda: _has_one_on_ones(request.user)),
    }


def _has_one_on_ones(user) -> bool:
    """Chiefs and leaders hold 1-1s (tool 3); so does anyone who is a party to one."""
    if not user.is_authenticated:
        return False
    from django.db.models import Q

    from ledertrivsel.conversations.models import OneOnOne

    from .models import Membership

    return (
        Membership.objects.filter(user=user, role__in=(Membership.Role.CHIEF, Membership.Role.LEADER)).exists()
        or OneOnOne.objects.filter(Q(chief=user) | Q(leader=user)).exists()
    )
