"""A chief's shared screen over a real WebSocket: the facilitator's controls for their own
leader group's tool-2 dialogue, and none for another group's."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from ledertrivsel.content.models import Tool
from ledertrivsel.dialogues import actions
from ledertrivsel.dialogues.models import Dialogue
from ledertrivsel.organisations.models import Group, Membership

from .conftest import Socket


def chief_of(world, email, group_name):
    chief = get_user_model().objects.create_user(email, email, "x")
    Membership.objects.create(user=chief, organisation=world.organisation, role=Membership.Role.CHIEF)
    group = Group.objects.create(organisation=world.organisation, name=group_name, kind=Group.Kind.LEADER_GROUP, chief=chief)
    dialogue = actions.create_dialogue(
        user=chief, organisation=world.organisation, tool=Tool.objects.get(number=2), title=group_name, minutes=60, anonymous=False, group=group
    )
    client = Client()
    client.force_login(chief)
    return client.cookies["sessionid"].value, dialogue


def test_the_chiefs_screen_gets_the_facilitator_controls_and_moves_the_steps(world):
    cookie, dialogue = chief_of(world, "carl@testkommune.dk", "Ledergruppen Nord")
    _, lis = world.join("Lis", dialogue)
    screen = Socket(world.server, f"/ws/dialoger/{dialogue.pk}/screen/", cookie)
    try:
        assert 'id="screen-controls"' in screen.first and '"action": "go"' in screen.first
        screen.send(action="go", direction="1")
        lis.wait_for("Kortene lægges ud")
        assert Dialogue.objects.get(pk=dialogue.pk).step_kind == "cards"
    finally:
        screen.close()


def test_a_chief_cannot_open_the_screen_of_another_leader_groups_dialogue_or_the_top_managements(world):
    from websockets.exceptions import InvalidStatus

    cookie, _ = chief_of(world, "carl@testkommune.dk", "Ledergruppen Nord")
    _, other = chief_of(world, "olga@testkommune.dk", "Ledergruppen Syd")
    for dialogue in (other, world.dialogue):
        with pytest.raises((InvalidStatus, Exception)) as refused:
            Socket(world.server, f"/ws/dialoger/{dialogue.pk}/screen/", cookie)
        assert "403" in str(refused.value) or "4403" in str(refused.value)
    assert Dialogue.objects.get(pk=other.pk).stage == 0
