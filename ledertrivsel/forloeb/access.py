"""Who may see an organisation's forløb, and how much of it.

Its administrators and facilitators see the whole chain. A chief of one of its leader groups
sees the organisation's level (the themes that are their groups' context anyway) and the rows
of the groups they lead, so they can follow their own part of the chain. Anyone else in the
organisation is refused (403, "not for your role"); anyone outside it is told it does not
exist (404).
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404

from ledertrivsel.organisations.models import Group, Membership, Organisation


@dataclass(frozen=True)
class ChainViewer:
    user: object
    organisation: Organisation
    role: str
    led_group_ids: frozenset[int] = frozenset()  # for a chief: the leader groups they lead

    @property
    def facilitates(self) -> bool:
        """Sees every group, and the links to summaries and screens."""
        return self.role in Membership.FACILITATING_ROLES

    @property
    def administers(self) -> bool:
        return self.role == Membership.Role.ADMINISTRATOR

    def limit_groups(self, groups):
        return groups if self.facilitates else groups.filter(pk__in=self.led_group_ids)


def chain_viewer(user, organisation_id: int) -> ChainViewer:
    membership = Membership.objects.select_related("organisation").filter(user=user, organisation_id=organisation_id).first()
    if membership is None:
        raise Http404
    if membership.can_facilitate:
        return ChainViewer(user, membership.organisation, membership.role)
    led = frozenset(_led_leader_groups(user).filter(organisation_id=organisation_id).values_list("pk", flat=True))
    if not led:
        raise PermissionDenied
    return ChainViewer(user, membership.organisation, membership.role, led_group_ids=led)


def chain_organisations(user):
    """The organisations whose forløb `user` may open, for links to it."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    facilitating = Q(memberships__user=user, memberships__role__in=Membership.FACILITATING_ROLES)
    leading = Q(pk__in=_led_leader_groups(user).values("organisation_id"), memberships__user=user)
    return Organisation.objects.filter(facilitating | leading).distinct()


def _led_leader_groups(user):
    return Group.objects.filter(chief=user, kind=Group.Kind.LEADER_GROUP)
