"""A whole 1-1 (tool 3) in two browsers: the chief invites a leader, the leader prepares
privately on a phone, they meet with both screens in step, record agreements, take their own
copies, and the next 1-1 opens with the last agreements."""

import datetime
import io
import re

import pytest
from pypdf import PdfReader

from tests.servers import AppServer

from .conftest import SIZES, snapshot
from .test_public_pages import serious_violations

pytestmark = pytest.mark.browser

PASSWORD = "Dialog-med-ledere-42"
NOTE = "Jeg sover dårligt, og det skal Carl ikke læse"
IN_A_WEEK = datetime.date.today() + datetime.timedelta(days=7)
FOLLOW_UP = datetime.date.today() + datetime.timedelta(days=60)

SETUP = f"""
from django.contrib.auth import get_user_model
from ledertrivsel.content.models import Card, Tool
from ledertrivsel.dialogues.models import Dialogue, PrioritisedTheme
from ledertrivsel.organisations.models import Group, Membership, Organisation
organisation = Organisation.objects.get()
User = get_user_model()
carl = User.objects.create_user("carl@testkommune.dk", "carl@testkommune.dk", "{PASSWORD}", first_name="Carl", last_name="Chef")
lis = User.objects.create_user("lis@testkommune.dk", "lis@testkommune.dk", "{PASSWORD}", first_name="Lis", last_name="Leder")
Membership.objects.create(user=carl, organisation=organisation, role="chief")
Membership.objects.create(user=lis, organisation=organisation, role="leader")
group = Group.objects.create(organisation=organisation, name="Ledergruppen, Ældre", kind="leader_group", chief=carl)
group.members.add(lis)
tool = Tool.objects.get(number=2)
dialogue = Dialogue.objects.create(organisation=organisation, group=group, tool=tool, title="Ledergruppen marts", code="KLMNPQ", minutes=60)
PrioritisedTheme.objects.create(dialogue=dialogue, card=Card.objects.get(tool=tool, position=1), position=1)
"""


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    var = tmp_path_factory.mktemp("one-on-one-var")
    app = AppServer(
        var, f"sqlite:///{var / 'app.sqlite3'}", LEDERTRIVSEL_ADMIN_PASSWORD=PASSWORD,
        EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend", EMAIL_FILE_PATH=str(var / "mail"),
    )
    app.command("create-admin", "--email", "hanne@testkommune.dk", "--organisation", "Testkommune", "--name", "Hanne HR")
    app.command("manage", "shell", "-c", SETUP)
    app.environment["SITE_URL"] = app.url
    app.start()
    yield app
    app.stop()


def log_in(page, email):
    page.fill("#id_username", email)
    page.fill("#id_password", PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(lambda url: "/login/" not in url)


def mailed_link(server) -> str:
    text = "".join(path.read_text() for path in sorted((server.var_dir / "mail").glob("*.log")))
    return re.findall(r"http://\S+/samtaler/\d+/", text)[-1]


def download(page, name) -> bytes:
    with page.expect_download() as started:
        page.get_by_role("link", name=name).click()
    with open(started.value.path(), "rb") as file:
        return file.read()


def pdf_text(content: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def invite_lis(chief, server):
    chief.goto(server.url + "/samtaler/")
    chief.select_option("#id_leader", label="Lis Leder · Ledergruppen, Ældre")
    chief.fill("#id_planned_for", IN_A_WEEK.isoformat())
    chief.get_by_role("button", name="Send invitationen").click()
    chief.get_by_text("Lis Leder er inviteret").wait_for()


def test_a_one_on_one_from_the_invitation_to_the_next(browser, server):
    chief = browser.new_context(viewport=SIZES["projector"], accept_downloads=True).new_page()
    chief.goto(server.url + "/login/")
    log_in(chief, "carl@testkommune.dk")
    chief.get_by_role("link", name="1-1 samtaler").click()
    invite_lis(chief, server)
    assert serious_violations(chief) == []

    leader = browser.new_context(viewport=SIZES["phone"], accept_downloads=True).new_page()
    leader.goto(mailed_link(server))
    log_in(leader, "lis@testkommune.dk")
    leader.get_by_role("heading", name="Din forberedelse").wait_for()
    context = leader.locator(".oo-aside").inner_text()
    assert "Prioriteret af Ledergruppen, Ældre" in context
    cards = leader.locator(".oo-choice")
    first, second = cards.nth(0).locator(".card__title").inner_text(), cards.nth(1).locator(".card__title").inner_text()
    cards.nth(0).get_by_role("checkbox", name=re.compile("^Vælg")).check()
    cards.nth(1).get_by_role("checkbox", name=re.compile("^Vælg")).check()
    cards.nth(1).get_by_role("checkbox", name=re.compile("^Tag med")).uncheck()
    leader.get_by_label("Dine private noter").fill(NOTE)
    assert serious_violations(leader) == []
    snapshot(leader, "one-on-one-preparation-phone")
    leader.get_by_role("button", name="Gem min forberedelse").click()
    leader.get_by_text("Gemt.").wait_for()

    # The chief's page hears it without a reload, and shows no card or note of the leader's yet.
    chief.get_by_text("Lederen har valgt sine kort.").wait_for()
    assert NOTE not in chief.content() and first not in chief.locator("main").inner_text().split("Din forberedelse som chef")[0]
    chief.get_by_role("button", name="Start samtalen").click()
    chief.locator("#oo-cards").wait_for()
    leader.locator("#oo-cards").wait_for()  # the leader's page moved on by itself

    shown = chief.locator("#oo-cards").inner_text()
    assert first in shown and second not in shown

    leader.get_by_label("Hvad vi aftaler").fill("Fast sparring med Carl hver 14. dag")
    leader.get_by_label("Hvis").select_option(label="Chefen")
    leader.get_by_role("button", name="Tilføj aftalen").click()
    chief.locator("#oo-agreements .oo-agreement__what").get_by_text("Fast sparring med Carl hver 14. dag").wait_for()

    chief.get_by_label("Opfølgningsdato").fill(FOLLOW_UP.isoformat())
    chief.get_by_label("Hvad der må deles ud over os to").fill("At vi har aftalt fast sparring")
    chief.locator("#follow-up").get_by_role("button", name="Gem").click()
    leader.locator("#oo-follow-up").get_by_text("At vi har aftalt fast sparring").wait_for()
    assert serious_violations(chief) == []
    snapshot(chief, "one-on-one-conversation-projector")
    snapshot(leader, "one-on-one-conversation-phone")

    leaders_copy = pdf_text(download(leader, "Hent din kopi (PDF)"))
    chiefs_copy = pdf_text(download(chief, "Hent din kopi (PDF)"))
    assert "Fast sparring med Carl" in leaders_copy and "Fast sparring med Carl" in chiefs_copy
    assert "sover dårligt" in leaders_copy and "sover dårligt" not in chiefs_copy
    ics = download(leader, "Føj opfølgning og frister til din kalender (.ics)").decode()
    assert f"DTSTART;VALUE=DATE:{FOLLOW_UP:%Y%m%d}" in ics

    chief.get_by_role("button", name="Afslut samtalen").click()
    chief.get_by_text("Den kan læses og hentes, ikke ændres.").wait_for()

    invite_lis(chief, server)
    chief.get_by_role("heading", name="Sidste gangs aftaler").wait_for()
    assert "Fast sparring med Carl hver 14. dag" in chief.locator("#oo-previous").inner_text()
    snapshot(chief, "one-on-one-next-projector")
