import pytest
from django.contrib.auth import get_user_model

from ledertrivsel.content.models import Tool
from ledertrivsel.dialogues import actions
from ledertrivsel.organisations.models import Membership, Organisation


@pytest.fixture
def organisation(db):
    return Organisation.objects.create(name="Testkommune", slug="testkommune")


@pytest.fixture
def facilitator(organisation):
    user = get_user_model().objects.create_user("tove@testkommune.dk", "tove@testkommune.dk", "Dialog-med-ledere-42")
    Membership.objects.create(user=user, organisation=organisation, role=Membership.Role.FACILITATOR)
    return user


@pytest.fixture
def host(facilitator):
    return actions.Actor(user_id=facilitator.pk)


@pytest.fixture
def dialogue(facilitator, organisation):
    return actions.create_dialogue(
        user=facilitator, organisation=organisation, tool=Tool.objects.get(number=1), title="Direktionen", minutes=60, anonymous=False
    )


def join(dialogue, name):
    participant = actions.join(dialogue.code, name)
    return participant, actions.Actor(participant_id=participant.pk)


def go_to(host, dialogue, kind):
    """Moves the dialogue forward until the step of that kind."""
    dialogue.refresh_from_db()
    while dialogue.step_kind != kind:
        actions.go_to_stage(host, dialogue.pk, "1")
        dialogue.refresh_from_db()
