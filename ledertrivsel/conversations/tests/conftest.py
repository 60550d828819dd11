import pytest
from django.contrib.auth import get_user_model

from ledertrivsel.organisations.models import Group, Membership, Organisation
from tests.people import PASSWORD, person  # noqa: F401





@pytest.fixture
def organisation(db):
    return Organisation.objects.create(name="Testkommune", slug="testkommune")


@pytest.fixture
def chief(organisation):
    return person("carl@testkommune.dk", organisation, Membership.Role.CHIEF, "Carl", "Chef")


@pytest.fixture
def leader(organisation):
    return person("lis@testkommune.dk", organisation, Membership.Role.LEADER, "Lis", "Leder")


@pytest.fixture
def group(organisation, chief, leader):
    group = Group.objects.create(organisation=organisation, name="Ledergruppen, Ældre", kind=Group.Kind.LEADER_GROUP, chief=chief)
    group.members.add(leader)
    return group


@pytest.fixture
def outsiders(organisation, group):
    """Everyone who must never read the 1-1: the organisation's administrator, a facilitator,
    another chief, another leader of the same group, and a superuser with no role at all."""
    other_chief = person("cille@testkommune.dk", organisation, Membership.Role.CHIEF, "Cille")
    colleague = person("bo@testkommune.dk", organisation, Membership.Role.LEADER, "Bo")
    group.members.add(colleague)
    superuser = get_user_model().objects.create_superuser("root@testkommune.dk", "root@testkommune.dk", PASSWORD)
    return {
        "administrator": person("hanne@testkommune.dk", organisation, Membership.Role.ADMINISTRATOR, "Hanne"),
        "facilitator": person("tove@testkommune.dk", organisation, Membership.Role.FACILITATOR, "Tove"),
        "another chief": other_chief,
        "another leader": colleague,
        "superuser": superuser,
    }
