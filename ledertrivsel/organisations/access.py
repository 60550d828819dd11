"""Who may do what in an organisation; every view asks through these."""

from .models import Membership, Organisation


def facilitated_organisations(user):
    """The organisations in which `user` may start and run dialogues."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.filter(
        memberships__user=user, memberships__role__in=Membership.FACILITATING_ROLES
    ).distinct()


def can_facilitate(user, organisation_id: int) -> bool:
    return user.is_authenticated and Membership.objects.filter(
        user=user, organisation_id=organisation_id, role__in=Membership.FACILITATING_ROLES
    ).exists()
