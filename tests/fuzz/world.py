"""Two organisations with everything a person can make in them, and a snapshot of all the rows
that belong to one of them: the fuzz tests attack one and check the other is untouched."""

import datetime
from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import models
from django.utils import timezone

from ledertrivsel.content.models import Tool
from ledertrivsel.dialogues import actions as dialogue_actions
from ledertrivsel.organisations.models import Group, Invitation, Membership, Organisation, Unit
from ledertrivsel.plans.models import Action, ActionCard, ActionPlan

PASSWORD = "Dialog-med-ledere-42"


@dataclass
class Org:
    """One organisation and the people and things in it, by the names the tests use."""

    organisation: Organisation
    admin: object
    facilitator: object
    chief: object
    leader: object
    unit: Unit
    sub_unit: Unit
    group: Group
    plan: ActionPlan
    card: ActionCard
    action: Action
    dialogue: object
    participants: list = field(default_factory=list)
    invitation: Invitation | None = None
    one_on_one: object = None
    agreement: object = None

    def ids(self) -> dict[str, list[int]]:
        """The ids of this organisation's objects, for fields that take an id."""
        return {
            "users": [self.admin.pk, self.facilitator.pk, self.chief.pk, self.leader.pk],
            "units": [self.unit.pk, self.sub_unit.pk],
            "groups": [self.group.pk],
            "organisations": [self.organisation.pk],
            "participants": [participant.pk for participant in self.participants],
            "actions": [self.action.pk],
            "agreements": [self.agreement.pk] if self.agreement else [],
            "one_on_ones": [self.one_on_one.pk] if self.one_on_one else [],
            "memberships": list(Membership.objects.filter(organisation=self.organisation).values_list("pk", flat=True)),
        }


def person(email: str, organisation: Organisation, role: str, first_name: str = "", unit=None):
    user = get_user_model().objects.create_user(email, email, PASSWORD, first_name=first_name)
    Membership.objects.create(user=user, organisation=organisation, role=role, unit=unit)
    return user


def in_days(days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


def build_organisation(name: str, slug: str) -> Org:
    """An organisation with an administrator, a facilitator, a chief and a leader; two units;
    a leader group; an action plan with a card and an action; a running dialogue with two
    participants (one on a phone, one without a device) and an open invitation."""
    organisation = Organisation.objects.create(name=name, slug=slug, dpo_contact=f"DPO, dpo@{slug}.dk")
    Role = Membership.Role
    unit = Unit.objects.create(organisation=organisation, name="Ældreplejen")
    sub_unit = Unit.objects.create(organisation=organisation, name="Hjemmeplejen", parent=unit)
    admin = person(f"hr@{slug}.dk", organisation, Role.ADMINISTRATOR, "Hanne")
    facilitator = person(f"tove@{slug}.dk", organisation, Role.FACILITATOR, "Tove")
    chief = person(f"chef@{slug}.dk", organisation, Role.CHIEF, "Carl", unit=unit)
    leader = person(f"leder@{slug}.dk", organisation, Role.LEADER, "Lise", unit=sub_unit)
    group = Group.objects.create(
        organisation=organisation, name="Ledergruppen, ældreplejen", kind=Group.Kind.LEADER_GROUP, facilitator=facilitator, chief=chief
    )
    group.members.add(leader)
    tool = Tool.objects.get(number=1)
    plan = ActionPlan.objects.create(organisation=organisation, group=group, tool=tool, title="Ledergruppen, marts", created_by=facilitator)
    card = ActionCard.objects.create(plan=plan, position=1, theme="Overbelastning og stress", why="For mange opgaver på én gang")
    action = Action.objects.create(card=card, position=1, description="Kortlæg ledernes opgaver", responsible="Åse Ørum", deadline=in_days(5))
    dialogue = dialogue_actions.create_dialogue(
        user=facilitator, organisation=organisation, tool=tool, title="Direktionen", minutes=60, anonymous=False, group=group
    )
    anna = dialogue_actions.join(dialogue.code, "Anna")
    without_device = dialogue_actions.add_person_without_device(dialogue_actions.Actor(user_id=facilitator.pk), dialogue.pk, "Bent")
    invitation = new_invitation(organisation, admin, f"ny@{slug}.dk")[0]
    org = Org(organisation, admin, facilitator, chief, leader, unit, sub_unit, group, plan, card, action, dialogue,
              [anna, without_device], invitation)
    if apps.is_installed("ledertrivsel.conversations"):
        org.one_on_one, org.agreement = new_one_on_one(org)
    return org


def new_one_on_one(org: Org):
    """The chief's 1-1 with the group's leader, with one agreement."""
    from ledertrivsel.conversations.models import Agreement, OneOnOne

    one_on_one = OneOnOne.objects.create(organisation=org.organisation, chief=org.chief, leader=org.leader, group=org.group)
    return one_on_one, Agreement.objects.create(one_on_one=one_on_one, what="Fast sparringstime hver anden uge", owner="chief")


def new_invitation(organisation: Organisation, invited_by, email: str) -> tuple[Invitation, str]:
    """An open invitation and its token (the database holds only the token's hash)."""
    token, token_hash = Invitation.new_token()
    invitation = Invitation.objects.create(
        organisation=organisation, email=email, role=Membership.Role.LEADER, token_hash=token_hash,
        invited_by=invited_by, expires_at=timezone.now() + Invitation.VALID_FOR,
    )
    return invitation, token


# --- The snapshot ----------------------------------------------------------------------------

# Django's own bookkeeping, which any request may write to and which belongs to no organisation.
_NOT_DATA = {"sessions", "contenttypes", "admin", "auth"}


def _path_to_organisation(model, depth: int = 0) -> str | None:
    """The lookup from `model` to its organisation's id (e.g. "participant__dialogue__organisation"),
    following foreign keys; None for rows that belong to no organisation."""
    if model is Organisation:
        return "pk"
    if depth > 3:
        return None
    for model_field in model._meta.get_fields():
        if isinstance(model_field, models.ForeignKey) and not model_field.null:
            if model_field.related_model is Organisation:
                return model_field.name
    for model_field in model._meta.get_fields():
        if isinstance(model_field, models.ForeignKey) and not model_field.null and model_field.related_model is not model:
            further = _path_to_organisation(model_field.related_model, depth + 1)
            if further is not None:
                return f"{model_field.name}__{'id' if further == 'pk' else further}"
    return None


def snapshot(organisation: Organisation) -> dict[str, list[dict]]:
    """Every row of every model that belongs to `organisation` (and its people's accounts),
    and every row that belongs to no organisation at all (the tools and their cards)."""
    rows = {}
    for model in apps.get_models(include_auto_created=True):
        if model._meta.app_label in _NOT_DATA:
            continue
        path = _path_to_organisation(model)
        queryset = model.objects.all() if path is None else model.objects.filter(**{path: organisation.pk})
        rows[model._meta.label] = list(queryset.order_by("pk").values())
    people = get_user_model().objects.filter(memberships__organisation=organisation).order_by("pk")
    # A login with the right password is that person logging in, not a change to their data:
    # the fuzzed login form may hit another organisation's real e-mail and password.
    rows["accounts"] = [{k: v for k, v in account.items() if k != "last_login"} for account in people.values()]
    return rows


def assert_unchanged(before: dict, after: dict, what: str = "the other organisation"):
    for label in before:
        assert after.get(label) == before[label], f"{label} of {what} changed"
