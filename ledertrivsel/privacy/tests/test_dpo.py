"""The data-protection page: every member reads it; administrators set retention and the DPO contact."""

import pytest
from django.urls import reverse
from django.utils import translation

from ledertrivsel.audit.models import AuditEvent
from ledertrivsel.organisations.models import Membership

from .conftest import person


def page_of(organisation) -> str:
    with translation.override("en"):
        return reverse("privacy:dpo", args=[organisation.pk])


@pytest.mark.django_db
def test_a_leader_reads_what_is_stored_why_and_for_how_long(client, organisation, leader):
    organisation.retention_months = 18
    organisation.dpo_contact = "Dorte Databeskyttelse, dpo@testkommune.dk"
    organisation.save()
    client.force_login(leader)
    page = client.get(page_of(organisation)).content.decode()
    for text in ("18 months after they took place", "Dorte Databeskyttelse, dpo@testkommune.dk", "6(1)(e)", "9(2)(b)",
                 "5 years", reverse("privacy:my_data")):
        assert text in page, text
    assert 'name="retention_months"' not in page


@pytest.mark.django_db
def test_an_administrator_changes_the_retention_period_and_it_is_logged(client, organisation, admin):
    client.force_login(admin)
    response = client.post(page_of(organisation), {"retention_months": "12", "dpo_contact": "dpo@testkommune.dk"})
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert (organisation.retention_months, organisation.dpo_contact) == (12, "dpo@testkommune.dk")
    events = {e.details["setting"]: e.details for e in AuditEvent.objects.filter(kind=AuditEvent.Kind.SETTINGS_CHANGE)}
    assert events["retention_months"]["old"] == 24 and events["retention_months"]["new"] == 12
    assert events["dpo_contact"]["new"] == "dpo@testkommune.dk"
    with translation.override("en"):
        sentences = sorted(e.describe() for e in AuditEvent.objects.all())
    assert sentences == ["Changed the data-protection officer from “–” to “dpo@testkommune.dk”", "Changed the retention period from 24 to 12 months"]
    assert "12 months after they took place" in client.get(page_of(organisation)).content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("value, message", [("0", "at least 1 month"), ("121", "at most 120 months"), ("to år", "whole number")])
def test_a_retention_period_out_of_range_gets_a_clear_message(client, organisation, admin, value, message):
    client.force_login(admin)
    response = client.post(page_of(organisation), {"retention_months": value, "dpo_contact": ""})
    assert response.status_code == 400 and message in response.content.decode()
    organisation.refresh_from_db()
    assert organisation.retention_months == 24 and not AuditEvent.objects.exists()


@pytest.mark.django_db
def test_refusals(client, organisation, other_organisation, leader):
    client.force_login(leader)
    assert client.post(page_of(organisation), {"retention_months": "1"}).status_code == 403
    outsider = person("nina@nabokommune.dk", other_organisation, Membership.Role.ADMINISTRATOR)
    client.force_login(outsider)
    assert client.get(page_of(organisation)).status_code == 404
    client.logout()
    response = client.get(page_of(organisation))
    assert response.status_code == 302 and "login" in response["Location"]
    organisation.refresh_from_db()
    assert organisation.retention_months == 24
