"""An organisation part-way through its forløb: the top management has held tool 1, one leader
group has held tool 2, and its chief has held 1-1s (tool 3) with some of the leaders."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from ledertrivsel.content.models import Card, Tool
from ledertrivsel.conversations.models import Agreement, ChosenCard, OneOnOne, Preparation
from ledertrivsel.dialogues import actions
from ledertrivsel.organisations.models import Group, Membership, Organisation
from tests.people import person


# What a 1-1 holds: none of it may ever reach the forløb.
SECRET_AGREEMENT = "Lis går ned i tid til 30 timer"
SECRET_NOTE = "Jeg sover dårligt og overvejer at sige op"
SECRET_SHAREABLE = "Vi har talt om arbejdsmængden i hjemmeplejen"
SECRET_CARD_KEY = "tegn-paa-stress"  # only in tool 3's deck
SECRET_CARD_TITLE = "Signs of stress"




def chain_url(organisation) -> str:
    with override("en"):
        return reverse("forloeb:chain", args=[organisation.pk])


def held_dialogue(facilitator, group, tool_number: int, title: str, theme_keys: list[str]):
    """A dialogue of `group` that ended with `theme_keys` prioritised."""
    host = actions.Actor(user_id=facilitator.pk)
    dialogue = actions.create_dialogue(
        user=facilitator, organisation=group.organisation, tool=Tool.objects.get(number=tool_number), title=title,
        minutes=60, anonymous=False, group=group,
    )
    while dialogue.step_kind != "prioritise":
        actions.go_to_stage(host, dialogue.pk, "1")
        dialogue.refresh_from_db()
    actions.confirm_themes(host, dialogue.pk, theme_keys)
    actions.end_dialogue(host, dialogue.pk)
    dialogue.refresh_from_db()
    return dialogue


def one_on_one(group, leader, stage, *, ended_days_ago=None, with_content=False):
    ended_at = timezone.now() - datetime.timedelta(days=ended_days_ago) if ended_days_ago is not None else None
    talk = OneOnOne.objects.create(
        organisation=group.organisation, chief=group.chief, leader=leader, group=group, stage=stage, ended_at=ended_at,
        planned_for=timezone.localdate(), shareable=SECRET_SHAREABLE if with_content else "",
    )
    if with_content:
        Preparation.objects.create(one_on_one=talk, person=leader, notes=SECRET_NOTE)
        card = Card.objects.get(tool__number=3, key=SECRET_CARD_KEY)
        ChosenCard.objects.create(one_on_one=talk, card=card, chosen_by=ChosenCard.By.LEADER)
        Agreement.objects.create(one_on_one=talk, what=SECRET_AGREEMENT, owner=Agreement.Owner.LEADER)
    return talk


@pytest.fixture
def organisation(db):
    return Organisation.objects.create(name="Testkommune", slug="testkommune")


@pytest.fixture
def admin(organisation):
    return person("hanne@testkommune.dk", organisation, Membership.Role.ADMINISTRATOR, "Hanne")


@pytest.fixture
def facilitator(organisation):
    return person("tove@testkommune.dk", organisation, Membership.Role.FACILITATOR, "Tove")


@pytest.fixture
def chief(organisation):
    return person("carl@testkommune.dk", organisation, Membership.Role.CHIEF, "Carl", "Chef")


@pytest.fixture
def leaders(organisation):
    return [person(f"{name.lower()}@testkommune.dk", organisation, Membership.Role.LEADER, name) for name in ("Lis", "Bo", "Ane")]


@pytest.fixture
def top_management(organisation, facilitator):
    return Group.objects.create(organisation=organisation, name="Direktionen", kind=Group.Kind.TOP_MANAGEMENT, facilitator=facilitator)


@pytest.fixture
def leader_group(organisation, facilitator, chief, leaders):
    group = Group.objects.create(
        organisation=organisation, name="Ældreplejens ledergruppe", kind=Group.Kind.LEADER_GROUP, chief=chief, facilitator=facilitator
    )
    group.members.add(*leaders)
    return group


@pytest.fixture
def other_leader_group(organisation, facilitator):
    other_chief = person("dorte@testkommune.dk", organisation, Membership.Role.CHIEF, "Dorte")
    return Group.objects.create(
        organisation=organisation, name="Skoleledergruppen", kind=Group.Kind.LEADER_GROUP, chief=other_chief, facilitator=facilitator
    )


@pytest.fixture
def chain(facilitator, top_management, leader_group, leaders):
    """Tool 1 in the top management, tool 2 in the leader group (sharing one theme), and 1-1s."""
    top = held_dialogue(facilitator, top_management, 1, "Direktionen, januar", ["psykologisk-tryghed", "ledersparring"])
    group = held_dialogue(facilitator, leader_group, 2, "Ledergruppen, februar", ["psykologisk-tryghed", "tillid"])
    lis, bo, ane = leaders
    one_on_one(leader_group, lis, OneOnOne.Stage.DONE, ended_days_ago=20, with_content=True)
    one_on_one(leader_group, bo, OneOnOne.Stage.PREPARING, with_content=True)
    one_on_one(leader_group, ane, OneOnOne.Stage.DONE, ended_days_ago=300)  # too long ago to count as recent
    return {"top": top, "group": group}
