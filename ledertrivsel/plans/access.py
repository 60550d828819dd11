"""Who may see and change action plans. Every plan view asks through these."""

from django.db.models import Q

from ledertrivsel.organisations.models import Group, Membership

from .models import ActionPlan


def _role(user, organisation_id: int) -> str | None:
    if not user.is_authenticated:
        return None
    return Membership.objects.filter(user=user, organisation_id=organisation_id).values_list("role", flat=True).first()


def visible_plans(user):
    """Administrators and facilitators see their organisations' plans; anyone else the plans
    of the groups they belong to or, as a leader group's chief, lead."""
    if not user.is_authenticated:
        return ActionPlan.objects.none()
    facilitated = Membership.objects.filter(user=user, role__in=Membership.FACILITATING_ROLES).values("organisation_id")
    return ActionPlan.objects.filter(
        Q(organisation_id__in=facilitated) | Q(group__members=user) | Q(group__facilitator=user) | Q(group__chief=user),
        organisation__memberships__user=user,
    ).distinct()


def can_view(user, plan: ActionPlan) -> bool:
    return visible_plans(user).filter(pk=plan.pk).exists()


def can_edit(user, plan: ActionPlan) -> bool:
    """The group's facilitator, whoever made the plan, the organisation's administrators and,
    for a leader group's plan, its chief (who runs the group's dialogues)."""
    role = _role(user, plan.organisation_id)
    if role is None:
        return False
    return (
        role == Membership.Role.ADMINISTRATOR
        or user.pk in (plan.group.facilitator_id, plan.created_by_id)
        or (role == Membership.Role.CHIEF and plan.group.kind == Group.Kind.LEADER_GROUP and user.pk == plan.group.chief_id)
    )
