"""Facilitators' accounts: the first administrator, logging in and out, resetting a password."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import CommandError, call_command

from ledertrivsel.organisations.models import Membership

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(monkeypatch):
    monkeypatch.setenv("LEDERTRIVSEL_ADMIN_PASSWORD", "Dialog-med-ledere-42")
    call_command("create_first_admin", email="HR@Eksempel.dk", organisation="Eksempel Kommune", name="Hanne Rask")
    return get_user_model().objects.get()


def test_the_first_administrator_gets_an_organisation_and_the_administrator_role(admin):
    assert (admin.username, admin.email, admin.first_name, admin.last_name) == ("hr@eksempel.dk", "hr@eksempel.dk", "Hanne", "Rask")
    membership = Membership.objects.get(user=admin)
    assert (membership.organisation.name, membership.role) == ("Eksempel Kommune", "administrator")
    assert admin.check_password("Dialog-med-ledere-42")


def test_a_second_administrator_with_the_same_email_is_refused(admin):
    with pytest.raises(CommandError, match="already exists"):
        call_command("create_first_admin", email="hr@eksempel.dk", organisation="Eksempel Kommune")


def test_a_weak_password_is_refused(monkeypatch):
    monkeypatch.setenv("LEDERTRIVSEL_ADMIN_PASSWORD", "1234")
    with pytest.raises(CommandError, match="too weak"):
        call_command("create_first_admin", email="hr@eksempel.dk", organisation="Eksempel Kommune")
    assert not get_user_model().objects.exists()


def test_a_facilitator_logs_in_with_their_email_in_any_case_and_out_again(client, admin):
    response = client.post("/login/", {"username": " HR@eksempel.DK ", "password": "Dialog-med-ledere-42"})
    assert response.status_code == 302 and response["Location"] == "/dialoger/"
    assert "Mine dialoger" in client.get("/dialoger/").content.decode()
    assert client.post("/logout/")["Location"] == "/"
    assert client.get("/dialoger/")["Location"].startswith("/login/")


def test_a_wrong_password_gets_a_danish_message(client, admin):
    page = client.post("/login/", {"username": "hr@eksempel.dk", "password": "forkert"}).content.decode()
    assert "korrekt" in page  # Django's Danish: "Indtast venligst korrekt e-mail og adgangskode..."
    assert 'role="alert"' in page


def test_a_forgotten_password_is_reset_through_a_link_by_email(client, admin):
    client.post("/adgangskode/nulstil/", {"email": "hr@eksempel.dk"})
    assert len(mail.outbox) == 1
    link = re.search(r"http://testserver(/adgangskode/nulstil/\S+/)", mail.outbox[0].body).group(1)
    form_url = client.get(link)["Location"]
    response = client.post(form_url, {"new_password1": "Nyt-kodeord-til-dialog-7", "new_password2": "Nyt-kodeord-til-dialog-7"})
    assert response["Location"] == "/adgangskode/nulstil/faerdig/"
    admin.refresh_from_db()
    assert admin.check_password("Nyt-kodeord-til-dialog-7")
