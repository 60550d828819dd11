import datetime

import pytest
from django.utils import timezone

from ledertrivsel.content.models import Tool
from ledertrivsel.dialogues import actions as dialogue_actions
from ledertrivsel.dialogues.models import Dialogue, Dot, NextStep, Participant, Pick, PrioritisedTheme
from ledertrivsel.organisations.models import Group, Membership, Organisation
from ledertrivsel.plans.models import Action, ActionCard, ActionPlan
from ledertrivsel.privacy.models import months_before
from tests.people import person





def months_ago(months: int, days: int = 0) -> datetime.datetime:
    return months_before(timezone.now(), months) - datetime.timedelta(days=days)


@pytest.fixture
def organisation(db):
    return Organisation.objects.create(name="Testkommune", slug="testkommune")


@pytest.fixture
def other_organisation(db):
    return Organisation.objects.create(name="Nabokommune", slug="nabokommune")


@pytest.fixture
def admin(organisation):
    return person("hanne@testkommune.dk", organisation, Membership.Role.ADMINISTRATOR, "Hanne", "Rask")


@pytest.fixture
def facilitator(organisation):
    return person("tove@testkommune.dk", organisation, Membership.Role.FACILITATOR, "Tove", "Holder")


@pytest.fixture
def leader(organisation):
    return person("lis@testkommune.dk", organisation, Membership.Role.LEADER, "Lis", "Leder")


@pytest.fixture
def group(organisation, facilitator, leader):
    group = Group.objects.create(organisation=organisation, name="Ældreplejens ledergruppe", kind=Group.Kind.LEADER_GROUP, facilitator=facilitator)
    group.members.add(leader)
    return group


def held_dialogue(organisation, facilitator, group, title, created_at=None, reason="Jeg sover dårligt af stress"):
    """An ended dialogue with a participant, a pick with a reason, a dot, a theme and a next step."""
    dialogue = dialogue_actions.create_dialogue(
        user=facilitator, organisation=organisation, tool=Tool.objects.get(number=1), title=title, minutes=60, anonymous=False
    )
    card = Tool.objects.get(number=1).cards.first()
    participant = Participant.objects.create(dialogue=dialogue, name="Åse Ørum")
    Pick.objects.create(dialogue=dialogue, participant=participant, card=card, reason=reason)
    Dot.objects.create(dialogue=dialogue, participant=participant, card=card)
    PrioritisedTheme.objects.create(dialogue=dialogue, card=card, position=1)
    NextStep.objects.create(dialogue=dialogue, card=card, why="Lederne løber stærkt")
    Dialogue.objects.filter(pk=dialogue.pk).update(group=group, ended_at=timezone.now(), created_at=created_at or timezone.now())
    return Dialogue.objects.get(pk=dialogue.pk)


def plan_from(dialogue, creator, responsible_email=""):
    plan = ActionPlan.objects.create(
        organisation=dialogue.organisation, group=dialogue.group, tool=dialogue.tool, dialogue=dialogue, title=f"Plan: {dialogue.title}",
        created_by=creator,
    )
    card = ActionCard.objects.create(plan=plan, position=1, theme="Overbelastning og stress", why="For mange opgaver")
    Action.objects.create(card=card, position=1, description="Kortlæg ledernes opgaver", responsible="Lis Leder", responsible_email=responsible_email)
    return plan
