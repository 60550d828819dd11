"""Who may do what in an organisation; every view asks through these."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from .models import Group, Membership, Organisation


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


def led_groups(user):
    """The leader groups `user` leads as a chief in their organisation: they run its tool-2
    dialogues (docs/plans.md, "Tool 2: the chief's leader group")."""
    if not user.is_authenticated:
        return Group.objects.none()
    return Group.objects.filter(
        kind=Group.Kind.LEADER_GROUP,
        chief=user,
        organisation__memberships__user=user,
        organisation__memberships__role=Membership.Role.CHIEF,
    )


def runs_dialogues(user) -> bool:
    """Whether the menu offers "My dialogues": facilitators and chiefs of a leader group."""
    return facilitated_organisations(user).exists() or led_groups(user).exists()


def administered_organisation(user, organisation_id: int) -> Organisation:
    """The organisation if `user` is its administrator. Someone with another role there is
    refused (403); someone outside it is told it does not exist (404)."""
    membership = Membership.objects.select_related("organisation").filter(user=user, organisation_id=organisation_id).first()
    if membership is None:
        raise Http404
    if membership.role != Membership.Role.ADMINISTRATOR:
        raise PermissionDenied
    return membership.organisation


def administered_organisations(user):
    if not user.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.filter(memberships__user=user, memberships__role=Membership.Role.ADMINISTRATOR)


def is_last_administrator(membership: Membership) -> bool:
    """Whether this is the organisation's only administrator, whom it cannot do without."""
    return membership.role == Membership.Role.ADMINISTRATOR and not Membership.objects.filter(
        organisation_id=membership.organisation_id, role=Membership.Role.ADMINISTRATOR
    ).exclude(pk=membership.pk).exists()
