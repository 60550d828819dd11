"""The plan as files: each is read back with the library a recipient's program would use."""

import csv
import io

import docx
import icalendar
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from ledertrivsel.plans import exports
from ledertrivsel.plans.models import Action

from .conftest import PASSWORD, in_days


def download(client, user, plan, kind):
    assert client.login(username=user.username, password=PASSWORD)
    return client.get(reverse(f"plans:download_{kind}", args=[plan.pk]))


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_the_pdf_has_the_template_fields_and_each_action(client, plan, facilitator):
    response = download(client, facilitator, plan, "pdf")
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="handleplan-direktionen-marts.pdf"'
    text = pdf_text(response.content)
    for expected in (
        "Direktionen, marts", "Overbelastning og stress", "Hvorfor er det vigtigt", "For mange opgaver på én gang",
        "Ønsket effekt", "Konkrete handlinger", "Kortlæg ledernes opgaver", "Åse Ørum", "Involverede", "Ressourcer",
        "Opfølgning", "1 af 4 handlinger er gennemført",
    ):
        assert expected in text, expected
    assert "overskredet" in text  # the late action says so in words


def test_the_docx_is_a_word_document_in_the_template_layout(client, plan, facilitator):
    response = download(client, facilitator, plan, "docx")
    assert response["Content-Type"] == exports.DOCX_MIMETYPE
    document = docx.Document(io.BytesIO(response.content))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith(("Heading", "Title"))]
    assert headings[:3] == ["Direktionen, marts", "Overbelastning og stress", "Konkrete handlinger"]
    table = document.tables[0]
    rows = [[cell.text for cell in row.cells] for row in table.rows]
    assert rows[0] == ["Handling", "Ansvarlig", "Tidsfrist", "Status"]
    assert rows[1][:2] == ["Kortlæg ledernes opgaver", "Åse Ørum"]
    assert rows[4] == ["Ny mødeplan", "", "", "Gennemført"]
    assert document.core_properties.title == "Direktionen, marts"


def test_the_csv_has_one_row_per_action_for_danish_excel(client, plan, facilitator):
    content = download(client, facilitator, plan, "csv").content
    assert content.startswith("\ufeff".encode())  # Excel reads UTF-8 only with the mark
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:4] == ["Handleplan", "Gruppe", "Tema", "Handling"]
    assert len(rows) == 5
    assert rows[1][3:7] == ["Kortlæg ledernes opgaver", "Åse Ørum", in_days(-3).isoformat(), "Ikke startet"]


def test_the_calendar_has_each_open_deadline_and_the_follow_up_date(client, plan, facilitator):
    card = plan.cards.get()
    card.follow_up_date, card.follow_up_forum = in_days(50), "Direktionsmødet"
    card.save()
    content = download(client, facilitator, plan, "ics").content
    calendar = icalendar.Calendar.from_ical(content)
    events = {str(event["uid"]): event for event in calendar.walk("VEVENT")}
    open_actions = Action.objects.filter(card=card, status=Action.Status.NOT_STARTED).exclude(deadline=None)
    assert len(events) == open_actions.count() + 1  # the done action has no event
    late = open_actions.get(description="Kortlæg ledernes opgaver")
    event = events[f"action-{late.pk}-deadline@ledertrivsel"]
    assert event.decoded("dtstart") == late.deadline
    assert str(event["summary"]) == "Tidsfrist: Kortlæg ledernes opgaver"
    assert "Ansvarlig: Åse Ørum" in str(event["description"])
    follow = events[f"card-{card.pk}-follow-up@ledertrivsel"]
    assert follow.decoded("dtstart") == in_days(50)
    assert str(follow["location"]) == "Direktionsmødet"


def test_exports_follow_the_language_of_the_page(client, plan, facilitator):
    assert client.login(username=facilitator.username, password=PASSWORD)
    with translation.override("en"):
        url = reverse("plans:download_csv", args=[plan.pk])
    assert url.startswith("/en/")
    response = client.get(url)
    assert response.content.decode("utf-8-sig").startswith("Action plan;Group;Theme;Action")
