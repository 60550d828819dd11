"""An administrator manages the organisation's people: invitations, roles, units, removal."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from ledertrivsel.audit.models import AuditEvent
from ledertrivsel.organisations.models import Group, Invitation, Membership, Organisation, Unit
from tests.people import PASSWORD, person  # noqa: F401





@pytest.fixture
def organisation(db):
    return Organisation.objects.create(name="Testkommune", slug="testkommune")


@pytest.fixture
def admin(organisation):
    return person("hanne@testkommune.dk", organisation, Membership.Role.ADMINISTRATOR, "Hanne")


@pytest.fixture
def admin_client(client, admin):
    client.force_login(admin)
    return client


def invite(client, organisation, **fields):
    data = {"email": "lis@testkommune.dk", "name": "Lis Leder", "role": Membership.Role.LEADER, "unit": ""} | fields
    return client.post(reverse("invite", args=[organisation.pk]), data)


def link_in(message) -> str:
    return re.search(r"https?://\S+/invitation/\S+/", message.body).group(0)


def path_of(link: str) -> str:
    return link.split("://", 1)[1].split("/", 1)[1].join(["/", ""])


@pytest.mark.django_db
def test_an_invitation_is_mailed_and_only_its_hash_is_kept(admin_client, organisation):
    response = invite(admin_client, organisation)
    assert response.status_code == 302
    [message] = mail.outbox
    assert message.to == ["lis@testkommune.dk"]
    assert "Testkommune" in message.subject and "leder" in message.body.lower()
    token = link_in(message).rstrip("/").rsplit("/", 1)[1]
    invitation = Invitation.objects.get()
    assert invitation.token_hash != token and Invitation.hash_token(token) == invitation.token_hash
    page = admin_client.get(reverse("people", args=[organisation.pk]))
    assert "Lis Leder" in page.content.decode() and "Invitationer, der ikke er taget imod endnu" in page.content.decode()
    event = AuditEvent.objects.get(kind=AuditEvent.Kind.INVITATION)
    assert event.subject == "lis@testkommune.dk" and event.actor_label == "hanne@testkommune.dk"


@pytest.mark.django_db
def test_a_new_person_accepts_makes_an_account_and_gets_the_role(admin_client, organisation):
    unit = Unit.objects.create(organisation=organisation, name="Ældreplejen")
    invite(admin_client, organisation, unit=unit.pk)
    link = path_of(link_in(mail.outbox[0]))
    admin_client.logout()
    page = admin_client.get(link)
    assert page.status_code == 200 and "Invitation til Testkommune" in page.content.decode()
    response = admin_client.post(link, {"name": "Lis Leder", "password1": PASSWORD, "password2": PASSWORD})
    assert response.status_code == 302
    membership = Membership.objects.get(user__email="lis@testkommune.dk")
    assert (membership.role, membership.unit, membership.organisation) == (Membership.Role.LEADER, unit, organisation)
    assert membership.user.first_name == "Lis" and membership.user.last_name == "Leder"
    assert admin_client.get(reverse("dialogues:list")).status_code in (200, 403)  # logged in as Lis
    assert "_auth_user_id" in admin_client.session
    used = admin_client.get(link)
    assert used.status_code == 410 and "allerede taget imod" in used.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "fields, message",
    [
        ({"name": "", "password1": PASSWORD, "password2": PASSWORD}, "Skriv dit navn."),
        ({"name": "Lis", "password1": PASSWORD, "password2": PASSWORD + "x"}, "De to adgangskoder er forskellige."),
        ({"name": "Lis", "password1": "1234", "password2": "1234"}, "Denne adgangskode er for kort"),
    ],
)
def test_a_bad_account_form_says_why_and_makes_nothing(admin_client, organisation, fields, message):
    invite(admin_client, organisation)
    link = path_of(link_in(mail.outbox[0]))
    admin_client.logout()
    response = admin_client.post(link, fields)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not get_user_model().objects.filter(email="lis@testkommune.dk").exists()
    assert Invitation.objects.get().accepted_at is None


@pytest.mark.django_db
def test_unknown_expired_and_replaced_links_are_refused_with_a_reason(admin_client, organisation, client):
    assert "Linket kendes ikke" in client.get("/invitation/ikke-et-rigtigt-link/").content.decode()
    invite(admin_client, organisation)
    first = path_of(link_in(mail.outbox[0]))
    invite(admin_client, organisation)  # a new invitation replaces the first
    second = path_of(link_in(mail.outbox[1]))
    replaced = client.get(first)
    assert replaced.status_code == 410 and "trukket tilbage" in replaced.content.decode()
    Invitation.objects.filter(accepted_at=None, withdrawn_at=None).update(expires_at=timezone.now() - timedelta(minutes=1))
    expired = client.get(second)
    assert expired.status_code == 410 and "udløbet" in expired.content.decode()


@pytest.mark.django_db
def test_a_withdrawn_invitation_stops_working(admin_client, organisation, client):
    invite(admin_client, organisation)
    link = path_of(link_in(mail.outbox[0]))
    invitation = Invitation.objects.get()
    admin_client.post(reverse("withdraw_invitation", args=[organisation.pk, invitation.pk]))
    assert client.get(link).status_code == 410
    assert "lis@testkommune.dk" not in admin_client.get(reverse("people", args=[organisation.pk])).content.decode()


@pytest.mark.django_db
def test_someone_with_an_account_logs_in_and_accepts_into_it(admin_client, organisation, client):
    other = Organisation.objects.create(name="Nabokommune", slug="nabo")
    lis = person("lis@testkommune.dk", other, Membership.Role.FACILITATOR, "Lis")
    invite(admin_client, organisation, role=Membership.Role.CHIEF)
    link = path_of(link_in(mail.outbox[0]))
    admin_client.logout()  # the same client as `client`
    page = client.get(link)
    assert "Log ind" in page.content.decode() and f"?next={link}" in page.content.decode()
    client.force_login(lis)
    assert client.post(link).status_code == 302
    assert Membership.objects.get(user=lis, organisation=organisation).role == Membership.Role.CHIEF
    assert Membership.objects.get(user=lis, organisation=other).role == Membership.Role.FACILITATOR


@pytest.mark.django_db
@pytest.mark.parametrize(
    "fields, message",
    [
        ({"email": ""}, "Skriv personens e-mailadresse."),
        ({"email": "lis@"}, "Skriv en hel e-mailadresse"),
        ({"email": "hanne@testkommune.dk"}, "har allerede en rolle i organisationen"),
        ({"role": "superuser"}, "Marker en gyldig valgmulighed"),
    ],
)
def test_a_bad_invitation_says_why_and_sends_nothing(admin_client, organisation, fields, message):
    response = invite(admin_client, organisation, **fields)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not mail.outbox and not Invitation.objects.exists()


@pytest.mark.django_db
def test_the_administrator_changes_a_role_and_the_log_says_so(admin_client, organisation, admin):
    lis = person("lis@testkommune.dk", organisation, Membership.Role.LEADER, "Lis")
    membership = lis.memberships.get()
    response = admin_client.post(reverse("membership", args=[organisation.pk, membership.pk]), {"role": Membership.Role.CHIEF, "unit": ""})
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.role == Membership.Role.CHIEF
    event = AuditEvent.objects.get(kind=AuditEvent.Kind.ROLE_CHANGE)
    assert (event.subject, event.details["old"], event.details["new"]) == ("lis@testkommune.dk", "leader", "chief")
    log = admin_client.get(reverse("audit:log", args=[organisation.pk])).content.decode()
    assert "Ændrede rollen for lis@testkommune.dk fra Leder til Chef" in log


@pytest.mark.django_db
def test_the_last_administrator_cannot_be_demoted_or_removed(admin_client, organisation, admin):
    membership = admin.memberships.get()
    url = reverse("membership", args=[organisation.pk, membership.pk])
    response = admin_client.post(url, {"role": Membership.Role.LEADER, "unit": ""})
    assert response.status_code == 400 and "mindst én administrator" in response.content.decode()
    admin_client.post(url, {"remove": "1"})
    membership.refresh_from_db()
    assert membership.role == Membership.Role.ADMINISTRATOR


@pytest.mark.django_db
def test_removing_a_person_takes_them_out_of_the_groups(admin_client, organisation):
    chief = person("carl@testkommune.dk", organisation, Membership.Role.CHIEF, "Carl")
    lis = person("lis@testkommune.dk", organisation, Membership.Role.LEADER, "Lis")
    group = Group.objects.create(organisation=organisation, name="Ledergruppen", kind=Group.Kind.LEADER_GROUP, chief=chief)
    group.members.add(lis, chief)
    url = reverse("membership", args=[organisation.pk, chief.memberships.get().pk])
    assert "Er du sikker?" in admin_client.get(url + "?fjern=1").content.decode()
    admin_client.post(url, {"remove": "1"})
    group.refresh_from_db()
    assert group.chief is None and list(group.members.all()) == [lis]
    assert not Membership.objects.filter(user=chief).exists()
    assert AuditEvent.objects.filter(kind=AuditEvent.Kind.MEMBER_REMOVED, subject="carl@testkommune.dk").exists()


@pytest.mark.django_db
def test_units_are_made_renamed_and_deleted(admin_client, organisation):
    url = reverse("units", args=[organisation.pk])
    admin_client.post(url, {"name": "  Social  og Sundhed ", "parent": ""})
    social = Unit.objects.get()
    assert social.name == "Social og Sundhed"
    admin_client.post(url, {"name": "Ældreplejen", "parent": social.pk})
    duplicate = admin_client.post(url, {"name": "ÆLDREPLEJEN", "parent": ""})
    assert duplicate.status_code == 400 and "har allerede en enhed, der hedder" in duplicate.content.decode()
    elderly = Unit.objects.get(name="Ældreplejen")
    assert elderly.parent == social
    admin_client.post(url, {"unit": elderly.pk, "name": "Ældre og pleje", "parent": social.pk})
    elderly.refresh_from_db()
    assert elderly.name == "Ældre og pleje"
    lis = person("lis@testkommune.dk", organisation, Membership.Role.LEADER)
    Membership.objects.filter(user=lis).update(unit=elderly)
    admin_client.post(url, {"unit": elderly.pk, "delete": "1"})
    assert list(Unit.objects.values_list("name", flat=True)) == ["Social og Sundhed"]
    assert Membership.objects.get(user=lis).unit is None


@pytest.mark.django_db
def test_only_the_organisations_administrators_get_in(client, organisation, admin):
    other = Organisation.objects.create(name="Nabokommune", slug="nabo")
    stranger = person("ole@nabokommune.dk", other, Membership.Role.ADMINISTRATOR)
    facilitator = person("tove@testkommune.dk", organisation, Membership.Role.FACILITATOR)
    urls = [reverse(name, args=[organisation.pk]) for name in ("people", "units", "audit:log")]
    for url in urls:
        assert client.get(url).status_code == 302  # to the login page
    client.force_login(facilitator)
    for url in urls:
        refused = client.get(url)
        assert refused.status_code == 403 and "Ikke for din rolle" in refused.content.decode()
    assert client.post(reverse("invite", args=[organisation.pk]), {"email": "x@y.dk", "role": "administrator"}).status_code == 403
    client.force_login(stranger)
    for url in urls:
        assert client.get(url).status_code == 404
    membership = admin.memberships.get()
    assert client.post(reverse("membership", args=[organisation.pk, membership.pk]), {"role": "leader"}).status_code == 404
    assert Invitation.objects.count() == 0 and admin.memberships.get().role == Membership.Role.ADMINISTRATOR


@pytest.mark.django_db
def test_the_menu_shows_organisation_to_administrators_only(client, organisation, admin):
    client.force_login(admin)
    assert 'href="/organisationer/"' in client.get("/").content.decode()
    client.force_login(person("tove@testkommune.dk", organisation, Membership.Role.FACILITATOR))
    assert 'href="/organisationer/"' not in client.get("/").content.decode()


@pytest.mark.django_db
def test_a_leader_groups_chief_is_a_chief_of_the_organisation(admin_client, organisation):
    chief = person("carl@testkommune.dk", organisation, Membership.Role.CHIEF, "Carl")
    leader = person("lis@testkommune.dk", organisation, Membership.Role.LEADER, "Lis")
    data = {"organisation": organisation.pk, "name": "Ledergruppen, Ældre", "kind": Group.Kind.LEADER_GROUP, "facilitator": "", "members": [leader.pk]}
    refused = admin_client.post(reverse("groups"), data | {"chief": leader.pk})
    assert refused.status_code == 200 and "Marker en gyldig valgmulighed" in refused.content.decode()
    wrong_kind = admin_client.post(reverse("groups"), data | {"chief": chief.pk, "kind": Group.Kind.MED})
    assert "Kun en ledergruppe har en chef" in wrong_kind.content.decode()
    assert admin_client.post(reverse("groups"), data | {"chief": chief.pk}).status_code == 302
    group = Group.objects.get()
    assert group.chief == chief and list(group.members.all()) == [leader]
