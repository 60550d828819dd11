"""Two organisations with everything a URL can point at, and the people who knock on it.

Organisation A owns the objects the URLs are tried on; organisation B has the same people and
things of its own, so B's people show what "another organisation" may see of A's.
"""

import datetime
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.sessions.backends.db import SessionStore
from django.test import Client
from django.utils import timezone

from ledertrivsel.content.models import Tool
from ledertrivsel.conversations import services as conversations
from ledertrivsel.conversations.models import Agreement, OneOnOne
from ledertrivsel.dialogues import actions
from ledertrivsel.dialogues.models import Dialogue
from ledertrivsel.organisations.models import Group, Invitation, Membership, Organisation, Unit
from ledertrivsel.plans.models import Action, ActionCard, ActionPlan
from ledertrivsel.privacy import deletion
from ledertrivsel.privacy.models import DeletionRequest

PASSWORD = "Dialog-med-ledere-42"
ROLES = ("leader", "chief", "facilitator", "administrator")
# Everyone who may knock: no one, and in each organisation a participant (a phone session
# without an account) and a person of each role.
ACTORS = ("anonymous", *(f"{role}_{org}" for org in "ab" for role in ("participant", *ROLES)))


@dataclass
class Side:
    """One organisation's people and things."""

    organisation: Organisation
    people: dict = field(default_factory=dict)  # role -> user
    group: Group | None = None
    unit: Unit | None = None
    dialogue: Dialogue | None = None
    ended_dialogue: Dialogue | None = None
    participant_id: int = 0
    plan: ActionPlan | None = None
    card: ActionCard | None = None
    action: Action | None = None
    invitation: Invitation | None = None
    invitation_token: str = ""
    leaver: object = None  # a leader who has asked to have their data deleted
    deletion_request: DeletionRequest | None = None
    one_on_one: OneOnOne | None = None  # the chief's 1-1 with the leader
    agreement: Agreement | None = None


@dataclass
class World:
    a: Side
    b: Side
    sessions: dict  # actor -> session key ("" for anonymous)

    def actor_user(self, actor: str):
        role, _, org = actor.rpartition("_")
        return getattr(self, org).people.get(role) if org in "ab" else None

    def side_of(self, actor: str) -> Side:
        """The actor's own organisation (A for the anonymous visitor)."""
        return self.b if actor.endswith("_b") else self.a

    def client(self, actor: str) -> Client:
        client = Client()
        if self.sessions[actor]:
            client.cookies["sessionid"] = self.sessions[actor]
        return client


def build_world() -> World:
    tool = Tool.objects.get(number=1)
    sides = {org: _side(org, tool) for org in "ab"}
    sessions = {"anonymous": ""}
    for org, side in sides.items():
        for role, user in side.people.items():
            client = Client()
            client.force_login(user)
            sessions[f"{role}_{org}"] = client.session.session_key
        phone = SessionStore()
        phone["participations"] = {str(side.dialogue.pk): side.participant_id}
        phone.create()
        sessions[f"participant_{org}"] = phone.session_key
    return World(a=sides["a"], b=sides["b"], sessions=sessions)


def _side(org: str, tool: Tool) -> Side:
    name = {"a": "Aakommune", "b": "Bekommune"}[org]
    side = Side(organisation=Organisation.objects.create(name=name, slug=f"authz-{name.lower()}"))
    side.unit = Unit.objects.create(organisation=side.organisation, name="Ældreplejen")
    for role in ROLES:
        email = f"{role}@{name.lower()}.dk"
        user = get_user_model().objects.create_user(email, email, PASSWORD, first_name=role.title())
        Membership.objects.create(user=user, organisation=side.organisation, role=role, unit=side.unit)
        side.people[role] = user
    facilitator = side.people["facilitator"]
    # As the group form makes a leader group: the chief in its own field, the leaders as members.
    side.group = Group.objects.create(
        organisation=side.organisation, name="Ledergruppen", kind=Group.Kind.LEADER_GROUP,
        chief=side.people["chief"], facilitator=facilitator,
    )
    side.group.members.add(side.people["leader"])
    host = actions.Actor(user_id=facilitator.pk)
    side.dialogue = actions.create_dialogue(
        user=facilitator, organisation=side.organisation, tool=tool, title="Ledergruppen, marts", minutes=60, anonymous=False, group=side.group
    )
    side.participant_id = actions.join(side.dialogue.code, "Anna").pk
    side.ended_dialogue = _ended_dialogue(side, tool, host)
    side.plan = ActionPlan.objects.create(
        organisation=side.organisation, group=side.group, tool=tool, title="Ledergruppens handleplan", created_by=facilitator
    )
    side.card = ActionCard.objects.create(plan=side.plan, position=1, theme="Overbelastning og stress", why="For mange opgaver")
    side.action = Action.objects.create(
        card=side.card, position=1, description="Kortlæg ledernes opgaver", responsible="Åse",
        deadline=timezone.localdate() + datetime.timedelta(days=30),
    )
    side.invitation_token, token_hash = Invitation.new_token()
    side.invitation = Invitation.objects.create(
        organisation=side.organisation, email=f"ny@{name.lower()}.dk", role=Membership.Role.LEADER, token_hash=token_hash,
        invited_by=side.people["administrator"], expires_at=timezone.now() + Invitation.VALID_FOR,
    )
    side.one_on_one, _mailed = conversations.invite(chief=side.people["chief"], leader=side.people["leader"], group=side.group)
    side.agreement = conversations.add_agreement(side.one_on_one.pk, what="Fast sparring hver anden uge", owner="chief")
    email = f"leaver@{name.lower()}.dk"
    side.leaver = get_user_model().objects.create_user(email, email, PASSWORD, first_name="Leaver")
    Membership.objects.create(user=side.leaver, organisation=side.organisation, role=Membership.Role.LEADER)
    (side.deletion_request,) = deletion.request_deletion(side.leaver)
    return side


def _ended_dialogue(side: Side, tool: Tool, host) -> Dialogue:
    """A dialogue that has ended with two prioritised themes and no plan yet."""
    dialogue = actions.create_dialogue(
        user=side.people["facilitator"], organisation=side.organisation, tool=tool, title="Direktionen, februar", minutes=60, anonymous=False
    )
    while dialogue.step_kind != "prioritise":
        actions.go_to_stage(host, dialogue.pk, "1")
        dialogue.refresh_from_db()
    actions.confirm_themes(host, dialogue.pk, ["overbelastning-og-stress", "ledersparring"])
    actions.end_dialogue(host, dialogue.pk)
    dialogue.refresh_from_db()
    return dialogue


def tear_down_world(world: World) -> None:
    """Deletes what build_world committed, so other test modules find empty tables."""
    from django.contrib.sessions.models import Session

    organisations = [world.a.organisation, world.b.organisation]
    users = [user for side in (world.a, world.b) for user in (*side.people.values(), side.leaver)]
    ActionPlan.objects.filter(organisation__in=organisations).delete()
    Dialogue.objects.filter(organisation__in=organisations).delete()
    OneOnOne.objects.filter(organisation__in=organisations).delete()
    Organisation.objects.filter(pk__in=[o.pk for o in organisations]).delete()
    get_user_model().objects.filter(pk__in=[user.pk for user in users]).delete()
    Session.objects.filter(session_key__in=[key for key in world.sessions.values() if key]).delete()
