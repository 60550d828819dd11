"""Joining, starting, the screens and the summary over HTTP, as browsers meet them."""

import csv
import io

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from pypdf import PdfReader

from ledertrivsel.dialogues import actions
from ledertrivsel.dialogues.models import Dialogue, Participant
from ledertrivsel.organisations.models import Membership, Organisation

from .conftest import go_to, join


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()


def test_joining_by_code_and_name_leads_to_the_phone_view(client, dialogue):
    response = client.post("/deltag/", {"code": dialogue.code.lower(), "name": "Anna"})
    assert response.status_code == 302 and response["Location"] == f"/d/{dialogue.code}/mig/"
    page = client.get(response["Location"]).content.decode()
    assert "Du er <strong>Anna</strong>" in page
    assert f'ws-connect="/ws/dialoger/{dialogue.pk}/phone/?lang=da"' in page


def test_the_link_from_the_qr_code_asks_only_for_the_name(client, dialogue):
    page = client.get(f"/d/{dialogue.code}/").content.decode()
    assert f'<input type="hidden" name="code" value="{dialogue.code}">' in page
    assert 'name="name"' in page


def test_someone_already_in_the_dialogue_goes_straight_back_to_it(client, dialogue):
    client.post("/deltag/", {"code": dialogue.code, "name": "Anna"})
    response = client.get(f"/d/{dialogue.code}/")
    assert response.status_code == 302 and response["Location"] == f"/d/{dialogue.code}/mig/"


def test_an_unknown_code_is_explained_in_danish_and_the_name_kept(client, dialogue):
    page = client.post("/deltag/", {"code": "ABCDEF", "name": "Anna"}).content.decode()
    assert "Der er ingen dialog med koden ABCDEF" in page
    assert 'value="Anna"' in page
    assert not Participant.objects.exists()


@pytest.mark.parametrize(
    ("name", "message"),
    [("", "Skriv dit navn"), ("N" * 61, "højst have 60 tegn, og dette har 61"), ("anna", "Der er allerede en i dialogen, der hedder anna")],
)
def test_bad_names_are_explained_in_danish(client, dialogue, name, message):
    join(dialogue, "Anna")
    page = client.post("/deltag/", {"code": dialogue.code, "name": name}).content.decode()
    assert message in page, page[page.find("field__errors") - 200 : page.find("field__errors") + 400]
    assert 'aria-invalid="true"' in page


def test_guessing_codes_is_stopped_after_ten_wrong_ones(client, dialogue):
    for attempt in range(10):
        client.post("/deltag/", {"code": f"ZZZZZ{attempt}", "name": "Gætter"})
    page = client.post("/deltag/", {"code": dialogue.code, "name": "Gætter"}).content.decode()
    assert "For mange forkerte koder" in page
    assert not Participant.objects.exists()


def test_a_phone_without_a_place_in_the_dialogue_is_sent_to_the_join_form(client, dialogue):
    response = client.get(f"/d/{dialogue.code}/mig/")
    assert response.status_code == 302 and response["Location"] == f"/d/{dialogue.code}/"


def test_the_facilitator_starts_a_dialogue_with_a_time_frame_from_the_tool(client, facilitator):
    client.force_login(facilitator)
    page = client.get("/redskaber/organisationen/start/").content.decode()
    assert '<option value="30">30 minutter</option>' in page and '<option value="60" selected>60 minutter</option>' in page
    response = client.post("/redskaber/organisationen/start/", {"title": "Direktionen, marts", "minutes": "45", "organisation": facilitator.memberships.get().organisation_id})
    dialogue = Dialogue.objects.get()
    assert response["Location"] == f"/dialoger/{dialogue.pk}/"
    assert (dialogue.title, dialogue.minutes, dialogue.anonymous, dialogue.tool.number) == ("Direktionen, marts", 45, False, 1)


def test_a_dialogue_needs_a_title(client, facilitator):
    client.force_login(facilitator)
    page = client.post("/redskaber/organisationen/start/", {"title": " ", "minutes": "30", "organisation": facilitator.memberships.get().organisation_id}).content.decode()
    assert "Giv dialogen en titel" in page
    assert not Dialogue.objects.exists()


def test_the_shared_screen_is_for_the_organisations_facilitators_only(client, dialogue, facilitator):
    assert client.get(f"/dialoger/{dialogue.pk}/")["Location"].startswith("/login/")
    other_org = Organisation.objects.create(name="Andenkommune", slug="anden")
    stranger = get_user_model().objects.create_user("x@anden.dk", "x@anden.dk", "x")
    Membership.objects.create(user=stranger, organisation=other_org, role=Membership.Role.FACILITATOR)
    client.force_login(stranger)
    for path in (f"/dialoger/{dialogue.pk}/", f"/dialoger/{dialogue.pk}/opsummering/", f"/dialoger/{dialogue.pk}/opsummering.csv"):
        assert client.get(path).status_code == 404
    client.force_login(facilitator)
    page = client.get(f"/dialoger/{dialogue.pk}/").content.decode()
    assert dialogue.code in page and "<svg" in page  # the join code and its QR code


def filled_dialogue(dialogue, host, anonymous=False):
    Dialogue.objects.filter(pk=dialogue.pk).update(anonymous=anonymous)
    anna, as_anna = join(dialogue, "Anna Æblerød")
    bo, as_bo = join(dialogue, "Bo")
    go_to(host, dialogue, "pick")
    actions.pick(as_anna, dialogue.pk, "maal")
    actions.save_reason(as_anna, dialogue.pk, "Målene er uklare; vi skal være enige.")
    actions.pick(as_bo, dialogue.pk, "sygefravaer")
    go_to(host, dialogue, "prioritise")
    for key in ("maal", "maal", "sygefravaer"):
        actions.add_dot(as_anna, dialogue.pk, key)
    actions.confirm_themes(host, dialogue.pk, ["maal"])
    go_to(host, dialogue, "next_steps")
    actions.save_next_step(host, dialogue.pk, "maal", {"why": "Uklare mål", "actions": "Workshop i april", "responsible": "Direktionen"})


def test_the_summary_csv_opens_in_danish_excel_with_everything(client, facilitator, dialogue, host):
    filled_dialogue(dialogue, host)
    client.force_login(facilitator)
    response = client.get(f"/dialoger/{dialogue.pk}/opsummering.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["Afsnit", "Deltager", "Tema", "Tekst", "Antal"]
    assert ["Valg", "Anna Æblerød", "Mål", "Målene er uklare; vi skal være enige.", ""] in rows
    assert ["Prikker", "Anna Æblerød", "Mål", "", "2"] in rows
    assert ["Prioriteret tema", "", "Mål", "", "1"] in rows
    assert ["Næste skridt", "", "Mål", "Konkrete handlinger: Workshop i april", ""] in rows


def test_an_anonymous_summary_has_no_names_by_the_picks_and_dots(client, facilitator, dialogue, host):
    filled_dialogue(dialogue, host, anonymous=True)
    client.force_login(facilitator)
    rows = list(csv.reader(io.StringIO(client.get(f"/dialoger/{dialogue.pk}/opsummering.csv").content.decode("utf-8-sig")), delimiter=";"))
    picks_and_dots = [row for row in rows if row[0] in ("Valg", "Prikker")]
    assert picks_and_dots and all("Anna" not in row[1] for row in picks_and_dots)
    assert ["Prikker", "", "Mål", "", "2"] in rows


def test_the_summary_pdf_holds_picks_reasons_dots_themes_and_next_steps(client, facilitator, dialogue, host):
    filled_dialogue(dialogue, host)
    client.force_login(facilitator)
    response = client.get(f"/dialoger/{dialogue.pk}/opsummering.pdf")
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    for expected in ("Direktionen", "Anna Æblerød", "Målene er uklare; vi skal være enige.", "Sygefravær", "Prioriterede temaer", "Workshop i april", "Uklare mål"):
        assert expected in text, expected
