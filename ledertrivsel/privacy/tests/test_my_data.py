"""A person sees and downloads what is stored about them, and nothing about anyone else."""

import io
import json

import pytest
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from ledertrivsel.audit.models import AuditEvent
from ledertrivsel.organisations.models import Membership

from .conftest import held_dialogue, person, plan_from


@pytest.fixture
def stored(organisation, other_organisation, facilitator, leader, group):
    """Tove facilitated a dialogue and made its plan; Lis is responsible for an action in it."""
    person("tove@testkommune.dk", other_organisation, Membership.Role.LEADER)
    dialogue = held_dialogue(organisation, facilitator, group, "Ældreplejen, marts", reason="Min søvn er dårlig af stress")
    return plan_from(dialogue, facilitator, responsible_email=leader.email)


def english(name, *args) -> str:
    with translation.override("en"):
        return reverse(name, args=args)


@pytest.mark.django_db
def test_the_page_says_plainly_what_is_stored(client, facilitator, stored):
    client.force_login(facilitator)
    page = client.get(english("privacy:my_data")).content.decode()
    for text in ("Your account", "Tove Holder", "Testkommune", "Nabokommune", "Facilitator", "Ældreplejens ledergruppe",
                 "Dialogues you facilitated", "Ældreplejen, marts", "Plan: Ældreplejen, marts", "Download as PDF"):
        assert text in page, text
    # What the participants said is theirs.
    assert "Åse Ørum" not in page and "søvn" not in page


@pytest.mark.django_db
def test_the_json_holds_the_persons_data_and_not_another_persons(client, facilitator, leader, stored):
    client.force_login(facilitator)
    response = client.get(reverse("privacy:my_data_json"))
    assert response["Content-Disposition"].startswith("attachment;") and response["Content-Type"].startswith("application/json")
    data = json.loads(response.content)
    assert data["account"]["email"] == "tove@testkommune.dk"
    assert {m["organisation"] for m in data["memberships"]} == {"Testkommune", "Nabokommune"}
    assert data["groups"][0]["as"] == ["facilitator"]
    assert data["dialogues"][0]["title"] == "Ældreplejen, marts" and data["dialogues"][0]["participants"] == 1
    assert data["plans"][0]["title"] == "Plan: Ældreplejen, marts"
    assert data["actions"] == []  # Lis's action, not Tove's
    text = response.content.decode()
    assert "lis@testkommune.dk" not in text and "Åse Ørum" not in text and "søvn" not in text

    client.force_login(leader)
    data = json.loads(client.get(reverse("privacy:my_data_json")).content)
    assert data["account"]["email"] == "lis@testkommune.dk"
    assert [a["action"] for a in data["actions"]] == ["Kortlæg ledernes opgaver"]
    assert data["dialogues"] == [] and data["plans"] == [] and "tove@testkommune.dk" not in json.dumps(data)


@pytest.mark.django_db
def test_the_pdf_opens_and_holds_the_persons_name_and_data(client, facilitator, stored):
    client.force_login(facilitator)
    response = client.get(reverse("privacy:my_data_pdf"))
    assert response["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    for expected in ("Tove Holder", "tove@testkommune.dk", "Ældreplejen, marts", "Plan: Ældreplejen, marts", "Nabokommune"):
        assert expected in text, expected
    assert "Åse Ørum" not in text


@pytest.mark.django_db
def test_each_download_is_written_in_the_audit_log_of_every_organisation(client, facilitator, organisation, other_organisation, stored):
    client.force_login(facilitator)
    client.get(reverse("privacy:my_data_json"))
    client.get(reverse("privacy:my_data_pdf"))
    events = AuditEvent.objects.filter(kind=AuditEvent.Kind.PERSONAL_DATA_EXPORT)
    assert sorted((e.organisation.name, e.details["format"]) for e in events) == [
        ("Nabokommune", "json"), ("Nabokommune", "pdf"), ("Testkommune", "json"), ("Testkommune", "pdf")
    ]
    assert {e.actor_label for e in events} == {"tove@testkommune.dk"}


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["privacy:my_data", "privacy:my_data_json", "privacy:my_data_pdf"])
def test_an_anonymous_visitor_is_sent_to_log_in(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
