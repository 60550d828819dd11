"""From a finished dialogue to an edited action plan, its files read back, and its follow-up
in the group's next dialogue: in real browsers, as the facilitator does it."""

import datetime
import io
import re

import docx
import icalendar
import pytest
from pypdf import PdfReader

from .conftest import FACILITATOR_EMAIL, FACILITATOR_PASSWORD, snapshot
from .test_live_dialogue import button, connected, keyboard_press
from .test_public_pages import serious_violations

pytestmark = pytest.mark.browser

TODAY = datetime.date.today()
IN_10_DAYS = TODAY + datetime.timedelta(days=10)
IN_40_DAYS = TODAY + datetime.timedelta(days=40)
FOLLOW_UP = TODAY + datetime.timedelta(days=60)


def log_in(page):
    page.fill("#id_username", FACILITATOR_EMAIL)
    page.fill("#id_password", FACILITATOR_PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(lambda url: "/login/" not in url)


def download(page, link_name: str) -> bytes:
    with page.expect_download() as started:
        page.get_by_role("link", name=link_name).click()
    with open(started.value.path(), "rb") as file:
        return file.read()


def run_dialogue_to_the_end(screen, base: str, group: str):
    """A dialogue of the group, without phones, through to a drafted next step for "Mål"."""
    screen.goto(base + "/redskaber/organisationen/start/")
    screen.fill("#id_title", "Direktionen, marts")
    screen.select_option("#id_group", label=group)
    screen.locator("main form button[type=submit]").click()
    connected(screen)
    keyboard_press(screen, button(screen, "Start dialogen →"))
    for _ in range(3):
        screen.wait_for_timeout(150)
        keyboard_press(screen, button(screen, "Næste trin →"))
    screen.locator("#theme-maal").wait_for()
    screen.locator("#theme-maal").check()
    keyboard_press(screen, button(screen, "Bekræft de afkrydsede temaer (1-3)"))
    screen.locator(".tally-form__done").wait_for()
    keyboard_press(screen, button(screen, "Næste trin →"))
    screen.locator("#ns-maal-why").fill("Lederne oplever uklare og skiftende mål.")
    screen.locator("#ns-maal-effect").fill("Hver leder kan forklare målene for sit område.")
    screen.locator("#ns-maal-actions").fill("Workshop om fælles mål\nMålbillede i alle ledergrupper")
    screen.locator("#ns-maal-responsible").fill("Direktionen")
    screen.locator("#ns-maal-deadline").fill(IN_40_DAYS.isoformat())
    screen.locator("#ns-maal-fdate").fill(FOLLOW_UP.isoformat())
    screen.locator("#ns-maal-forum").fill("Direktionsmødet")
    screen.locator("#next-step-maal").get_by_role("button", name="Gem").click()
    screen.locator("#next-step-maal-saved").get_by_text("Gemt").wait_for()
    screen.once("dialog", lambda dialog: dialog.accept())
    button(screen, "Afslut dialogen").click()
    screen.get_by_text("Tak for dialogen").wait_for()


def test_from_a_finished_dialogue_to_an_edited_plan_and_its_files(open_page, browser, app_url):
    screen = open_page("/login/", "projector")
    log_in(screen)

    # The group the plan will belong to.
    screen.goto(app_url + "/grupper/")
    screen.fill("#id_name", "Direktionen")
    screen.select_option("#id_kind", "top_management")
    screen.select_option("#id_facilitator", index=1)
    screen.get_by_role("button", name="Opret gruppen").click()
    screen.get_by_text("Gruppen Direktionen er oprettet.").wait_for()

    run_dialogue_to_the_end(screen, app_url, "Direktionen")

    # The summary makes the plan, filled in from the next steps.
    screen.get_by_role("link", name="Se opsummeringen").first.click()
    screen.get_by_role("button", name="Lav handleplanen").click()
    screen.get_by_text("Handleplanen er oprettet.").wait_for()
    plan_url = screen.url
    card = screen.locator("article.action-card").first
    assert card.locator("h2").inner_text() == "Mål"
    assert "Lederne oplever uklare og skiftende mål." in card.inner_text()
    assert card.locator(".action__text").all_inner_texts() == ["Workshop om fælles mål", "Målbillede i alle ledergrupper"]
    assert serious_violations(screen) == []
    snapshot(screen, "plan-new-projector")

    # Edit the card: resources and involved, with the keyboard.
    keyboard_press(screen, screen.get_by_role("link", name=re.compile(r"^Redigér kortet\s*: Mål$")))
    screen.fill("#id_involved", "Alle ledere i ledergrupperne")
    screen.fill("#id_resources", "To halve dage pr. ledergruppe")
    screen.get_by_role("button", name="Gem kortet").click()
    screen.get_by_text("Handlekortet er gemt.").wait_for()

    # Add an action: a passed deadline is refused, and nothing typed is lost.
    screen.get_by_role("link", name=re.compile(r"^Tilføj en handling\s*: Mål$")).click()
    screen.fill("#id_description", "Interview fem ledere om deres mål")
    screen.fill("#id_responsible", "Åse Ørum")
    screen.fill("#id_responsible_email", "aase@testkommune.dk")
    screen.fill("#id_deadline", (TODAY - datetime.timedelta(days=1)).isoformat())
    screen.get_by_role("button", name="Tilføj handlingen").click()
    screen.get_by_text("er allerede passeret. Vælg en dato fra i dag og frem.").wait_for()
    assert screen.input_value("#id_description") == "Interview fem ledere om deres mål"
    assert serious_violations(screen) == []
    screen.fill("#id_deadline", IN_10_DAYS.isoformat())
    screen.get_by_role("button", name="Tilføj handlingen").click()
    screen.get_by_text("Handlingen er tilføjet.").wait_for()

    # The first action is under way.
    screen.select_option("#" + screen.locator("select[id^=status-]").first.get_attribute("id"), "in_progress")
    screen.get_by_role("button", name="Sæt status").first.click()
    screen.get_by_text("“Workshop om fælles mål” er nu: I gang.").wait_for()
    soon = screen.locator(".status-board__item--soon")
    assert "Interview fem ledere om deres mål" in soon.inner_text()
    snapshot(screen, "plan-edited-projector")

    # Two people edit the same card at once: the second is told, and keeps their text.
    first = screen
    second_context = browser.new_context(viewport={"width": 390, "height": 844})
    second = second_context.new_page()
    second.goto(app_url + "/login/")
    log_in(second)
    edit_url = first.get_by_role("link", name=re.compile(r"^Redigér kortet\s*: Mål$")).get_attribute("href")
    first.goto(app_url + edit_url)
    second.goto(app_url + edit_url)
    first.fill("#id_why", "Målene skifter hvert halve år.")
    first.get_by_role("button", name="Gem kortet").click()
    first.get_by_text("Handlekortet er gemt.").wait_for()
    second.fill("#id_why", "Ingen kender målene.")
    second.get_by_role("button", name="Gem kortet").click()
    second.get_by_text("gemte dette, mens du redigerede").wait_for()
    assert second.input_value("#id_why") == "Ingen kender målene."
    assert "Målene skifter hvert halve år." in second.locator(".conflict").inner_text()
    assert serious_violations(second) == []
    snapshot(second, "plan-conflict-phone")
    second_context.close()

    # The history says who changed what.
    first.goto(plan_url)
    first.get_by_role("link", name="Hele historikken").click()
    history = first.locator("main").inner_text()
    assert "ændrede handlekortet" in history and "Målene skifter hvert halve år." in history
    assert "ændrede status for en handling" in history
    first.goto(plan_url)

    # The files, read back.
    pdf = PdfReader(io.BytesIO(download(first, "Download som PDF")))
    text = " ".join(page.extract_text() for page in pdf.pages)
    for expected in (
        "Direktionen, marts", "Mål", "Målene skifter hvert halve år.", "Hver leder kan forklare målene for sit område.",
        "Workshop om fælles mål", "Interview fem ledere om deres mål", "Åse Ørum", "I gang", "Alle ledere i ledergrupperne",
        "To halve dage pr. ledergruppe", "Direktionsmødet",
    ):
        assert expected in text, expected

    document = docx.Document(io.BytesIO(download(first, "Download som Word")))
    paragraphs = [paragraph.text for paragraph in document.paragraphs]
    assert "Mål" in paragraphs and "Målene skifter hvert halve år." in paragraphs
    rows = [[cell.text for cell in row.cells] for row in document.tables[0].rows]
    assert rows[0] == ["Handling", "Ansvarlig", "Tidsfrist", "Status"]
    assert rows[1] == ["Workshop om fælles mål", "Direktionen", f"{IN_40_DAYS.day}. {MONTHS[IN_40_DAYS.month]} {IN_40_DAYS.year}", "I gang"]
    assert rows[3][:2] == ["Interview fem ledere om deres mål", "Åse Ørum"]

    calendar = icalendar.Calendar.from_ical(download(first, "Tidsfrister til kalenderen (.ics)"))
    events = {str(event["summary"]): event for event in calendar.walk("VEVENT")}
    assert set(events) == {
        "Tidsfrist: Workshop om fælles mål", "Tidsfrist: Målbillede i alle ledergrupper",
        "Tidsfrist: Interview fem ledere om deres mål", "Opfølgning: Mål",
    }
    interview = events["Tidsfrist: Interview fem ledere om deres mål"]
    assert interview.decoded("dtstart") == IN_10_DAYS
    assert interview.decoded("dtend") == IN_10_DAYS + datetime.timedelta(days=1)
    assert "Ansvarlig: Åse Ørum" in str(interview["description"])
    assert str(interview["url"]).endswith(plan_url.split(app_url)[1])
    follow = events["Opfølgning: Mål"]
    assert follow.decoded("dtstart") == FOLLOW_UP and str(follow["location"]) == "Direktionsmødet"

    # The group's next dialogue opens with step 0: the plan, updated live.
    phone = open_page("/", "phone")
    first.goto(app_url + "/redskaber/organisationen/start/")
    first.fill("#id_title", "Direktionen, juni")
    first.select_option("#id_group", label="Direktionen")
    first.locator("main form button[type=submit]").click()
    connected(first)
    code = first.locator(".join-chip__code").inner_text().strip()
    phone.goto(f"{app_url}/d/{code}/")
    phone.fill("#id_name", "Anna")
    phone.locator("main form button[type=submit]").click()
    connected(phone)
    keyboard_press(first, button(first, "Start dialogen →"))
    first.get_by_text("Opfølgning på sidste handleplan").first.wait_for()
    phone.get_by_text("Opfølgning på sidste handleplan").first.wait_for()
    assert "Trin 0 af 5" in first.locator("#stage-heading").text_content()
    done = first.get_by_role("group", name="Status for: Workshop om fælles mål").get_by_role("button", name="Gennemført")
    keyboard_press(first, done)
    phone.locator(".follow-up__action--done").get_by_text("Workshop om fælles mål").wait_for()
    assert serious_violations(first) == []
    assert serious_violations(phone) == []
    snapshot(first, "follow-up-projector")
    snapshot(phone, "follow-up-phone")
    first.goto(plan_url)
    assert "1 af 3 handlinger er gennemført" in first.locator(".status-board__item--done").inner_text()
    # The organisation's overview: the plan's progress and the open actions by person.
    first.goto(app_url + "/handleplaner/")
    assert "1 af 3 handlinger er gennemført" in first.locator(".plan-table").inner_text()
    aase = first.locator("details.responsible").filter(has=first.locator(".responsible__name", has_text="Åse Ørum"))
    assert aase.locator(".action-list li").all_inner_texts()[0].startswith("Interview fem ledere om deres mål")
    assert serious_violations(first) == []
    for page in (first, phone):
        assert page.foreign_requests == []


MONTHS = {1: "januar", 2: "februar", 3: "marts", 4: "april", 5: "maj", 6: "juni", 7: "juli", 8: "august", 9: "september", 10: "oktober", 11: "november", 12: "december"}
