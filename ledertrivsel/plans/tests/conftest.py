import datetime

import pytest
from django.utils import timezone

from ledertrivsel.content.models import Tool
from ledertrivsel.dialogues import actions as dialogue_actions
from ledertrivsel.organisations.models import Group, Membership, Organisation
from ledertrivsel.plans.models import Action, ActionCard, ActionPlan
from tests.people import PASSWORD, person  # noqa: F401





def in_days(days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


@pytest.fixture
def organisation(db):
    return Organisation.objects.create(name="Testkommune", slug="testkommune")


@pytest.fixture
def other_organisation(db):
    return Organisation.objects.create(name="Nabokommune", slug="nabokommune")


@pytest.fixture
def facilitator(organisation):
    return person("tove@testkommune.dk", organisation, Membership.Role.FACILITATOR, "Tove")


@pytest.fixture
def colleague(organisation):
    return person("kim@testkommune.dk", organisation, Membership.Role.FACILITATOR, "Kim")


@pytest.fixture
def group(organisation, facilitator):
    group = Group.objects.create(organisation=organisation, name="Direktionen", kind=Group.Kind.TOP_MANAGEMENT, facilitator=facilitator)
    return group


@pytest.fixture
def plan(organisation, group, facilitator):
    plan = ActionPlan.objects.create(
        organisation=organisation, group=group, tool=Tool.objects.get(number=1), title="Direktionen, marts", created_by=facilitator
    )
    card = ActionCard.objects.create(plan=plan, position=1, theme="Overbelastning og stress", why="For mange opgaver på én gang")
    Action.objects.create(card=card, position=1, description="Kortlæg ledernes opgaver", responsible="Åse Ørum", deadline=in_days(-3))
    Action.objects.create(card=card, position=2, description="Aftal sparring hver måned", responsible="Bo", deadline=in_days(5))
    Action.objects.create(card=card, position=3, description="Fælles prioriteringsmøde", responsible="Åse Ørum", deadline=in_days(40))
    Action.objects.create(card=card, position=4, description="Ny mødeplan", status=Action.Status.DONE)
    return plan


@pytest.fixture
def ended_dialogue(organisation, facilitator, group):
    """A tool-1 dialogue of the group with two prioritised themes and drafted next steps."""
    host = dialogue_actions.Actor(user_id=facilitator.pk)
    dialogue = dialogue_actions.create_dialogue(
        user=facilitator, organisation=organisation, tool=Tool.objects.get(number=1), title="Direktionen, marts", minutes=60, anonymous=False
    )
    dialogue.group = group
    dialogue.save(update_fields=["group"])
    while dialogue.step_kind != "prioritise":
        dialogue_actions.go_to_stage(host, dialogue.pk, "1")
        dialogue.refresh_from_db()
    dialogue_actions.confirm_themes(host, dialogue.pk, ["overbelastning-og-stress", "ledersparring"])
    dialogue_actions.go_to_stage(host, dialogue.pk, "1")
    dialogue_actions.save_next_step(
        host, dialogue.pk, "overbelastning-og-stress",
        {"why": "Lederne løber stærkt", "desired_effect": "Færre sygemeldinger", "actions": "- Kortlæg opgaver\n- Aftal prioriteringer\n\n",
         "responsible": "Åse Ørum", "deadline": in_days(30).isoformat(), "follow_up_date": in_days(60).isoformat(), "follow_up_forum": "Direktionsmødet"},
    )
    dialogue_actions.end_dialogue(host, dialogue.pk)
    dialogue.refresh_from_db()
    return dialogue
