"""A 1-1 in real time over real WebSockets: what one party records appears on the other's
screen, and no one else can open the socket."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from websockets.exceptions import InvalidStatus
from websockets.sync.client import connect

from ledertrivsel.audit.models import AuditEvent
from ledertrivsel.content.models import Card
from ledertrivsel.conversations.models import OneOnOne
from ledertrivsel.organisations.models import Group, Membership, Organisation
from tests.servers import HttpSession

from .conftest import Socket

PASSWORD = "Dialog-med-ledere-42"


def person(email, organisation, role):
    # The app's own hasher: the server process does not know the tests' fast one.
    password = PBKDF2PasswordHasher().encode(PASSWORD, PBKDF2PasswordHasher().salt())
    user = get_user_model().objects.create(username=email, email=email, password=password)
    Membership.objects.create(user=user, organisation=organisation, role=role)
    return user


def logged_in(server, email) -> HttpSession:
    session = HttpSession(server.url)
    response = session.post("/login/", {"username": email, "password": PASSWORD})
    assert response.status == 302, "the login was refused"
    return session


@pytest.fixture
def one_on_one(transactional_db):
    organisation = Organisation.objects.create(name="Testkommune", slug="testkommune")
    chief = person("carl@testkommune.dk", organisation, Membership.Role.CHIEF)
    leader = person("lis@testkommune.dk", organisation, Membership.Role.LEADER)
    person("hanne@testkommune.dk", organisation, Membership.Role.ADMINISTRATOR)
    group = Group.objects.create(organisation=organisation, name="Ledergruppen", kind=Group.Kind.LEADER_GROUP, chief=chief)
    group.members.add(leader)
    return OneOnOne.objects.create(organisation=organisation, chief=chief, leader=leader, group=group)


def test_what_one_records_appears_on_the_others_screen(live_server_process, one_on_one):
    server = live_server_process
    chief, leader = logged_in(server, "carl@testkommune.dk"), logged_in(server, "lis@testkommune.dk")
    path = f"/ws/samtaler/{one_on_one.pk}/da/"
    chiefs_screen = Socket(server, path, chief.cookie("sessionid"))
    leaders_screen = Socket(server, path, leader.cookie("sessionid"))
    assert "Lederen har ikke valgt kort endnu." in chiefs_screen.first

    card = Card.objects.filter(tool__number=3).first()
    leader.post(f"/samtaler/{one_on_one.pk}/forberedelse/", {"cards": card.pk, "bring": card.pk, "notes": "Kun til mig"})
    pushed = chiefs_screen.wait_for("Lederen har valgt sine kort")
    assert "Kun til mig" not in pushed and card.title not in pushed  # not before the conversation starts

    chief.post(f"/samtaler/{one_on_one.pk}/start/", {})
    assert 'data-live-stage="conversation"' in leaders_screen.wait_for('data-live-stage="conversation"')
    leader.post(f"/samtaler/{one_on_one.pk}/aftaler/", {"what": "Sparring hver anden uge", "owner": "chief", "due": ""})
    pushed = chiefs_screen.wait_for("Sparring hver anden uge")
    assert card.title in pushed and "Kun til mig" not in pushed
    chiefs_screen.close()
    leaders_screen.close()


def test_no_one_else_can_open_the_socket(live_server_process, one_on_one):
    server = live_server_process
    administrator = logged_in(server, "hanne@testkommune.dk")
    for cookie in (administrator.cookie("sessionid"), ""):
        with pytest.raises(InvalidStatus) as refused:
            with connect(
                server.ws_url + f"/ws/samtaler/{one_on_one.pk}/da/",
                additional_headers={"Cookie": f"sessionid={cookie}", "Origin": server.url}, open_timeout=10,
            ) as socket:
                socket.recv(timeout=5)
        assert refused.value.response.status_code == 403
    refusal = AuditEvent.objects.get(kind=AuditEvent.Kind.ACCESS_REFUSED)  # the logged-in one; anonymous has no name to log
    assert refusal.actor_label == "hanne@testkommune.dk" and refusal.details["path"] == f"/ws/samtaler/{one_on_one.pk}/da/"
