"""The forløb page in a browser: an administrator at projector size and on a phone, and a chief
who sees only their own leader group. axe checks it; nothing of a 1-1 shows."""

import pytest

from tests.servers import AppServer

from .conftest import SIZES, snapshot
from .test_public_pages import serious_violations

pytestmark = pytest.mark.browser

ADMIN_EMAIL = "hanne@testkommune.dk"
CHIEF_EMAIL = "carl@testkommune.dk"
PASSWORD = "Dialog-med-ledere-42"
SECRETS = ("Lis går ned i tid til 30 timer", "Jeg sover dårligt og overvejer at sige op", "Tegn på stress", "Signs of stress")

# Tool 1 in the top management; tool 2 in two of three leader groups; 1-1s in the first.
MAKE_CHAIN = f"""
from ledertrivsel.conversations.models import OneOnOne
from ledertrivsel.forloeb.tests.conftest import held_dialogue, one_on_one, person
from ledertrivsel.organisations.models import Group, Membership, Organisation
from ledertrivsel.plans.models import Action, ActionCard, ActionPlan

organisation = Organisation.objects.get()
tove = person("tove@testkommune.dk", organisation, "facilitator", "Tove", "Holder")
top = Group.objects.create(organisation=organisation, name="Direktionen", kind="top_management", facilitator=tove)
top_dialogue = held_dialogue(tove, top, 1, "Direktionen, januar", ["psykologisk-tryghed", "ledersparring", "overbelastning-og-stress"])
plan = ActionPlan.objects.create(organisation=organisation, group=top, tool=top_dialogue.tool, dialogue=top_dialogue, title="Direktionens handleplan", created_by=tove)
card = ActionCard.objects.create(plan=plan, theme="Ledersparring")
Action.objects.create(card=card, position=1, description="Sparringsnetværk", status="done")
Action.objects.create(card=card, position=2, description="Fast sparring med chefen")
chiefs = {{"Ældreplejens ledergruppe": ("{CHIEF_EMAIL}", "Carl", "Chef"), "Skoleledergruppen": ("dorte@testkommune.dk", "Dorte", "Dahl"),
          "Teknik og miljø": ("erik@testkommune.dk", "Erik", "Eg")}}
for number, (name, (email, first, last)) in enumerate(chiefs.items()):
    chief = person(email, organisation, "chief", first, last)
    group = Group.objects.create(organisation=organisation, name=name, kind="leader_group", chief=chief, facilitator=tove)
    leaders = [person(f"leder{{number}}{{index}}@testkommune.dk", organisation, "leader", f"Leder {{index}}") for index in range(4 + number)]
    group.members.add(*leaders)
    if number < 2:
        held_dialogue(tove, group, 2, f"{{name}}, februar", [["psykologisk-tryghed", "tillid"], ["vores-moeder"]][number])
    if number == 0:
        one_on_one(group, leaders[0], "done", ended_days_ago=12, with_content=True)
        one_on_one(group, leaders[1], "done", ended_days_ago=40)
        one_on_one(group, leaders[2], "preparing", with_content=True)
"""


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    var = tmp_path_factory.mktemp("forloeb-var")
    app = AppServer(var, f"sqlite:///{var / 'app.sqlite3'}", LEDERTRIVSEL_ADMIN_PASSWORD=PASSWORD)
    app.command("create-admin", "--email", ADMIN_EMAIL, "--organisation", "Testkommune", "--name", "Hanne HR")
    app.command("manage", "shell", "-c", MAKE_CHAIN)
    app.start()
    yield app
    app.stop()


def logged_in(browser, server, email, size):
    page = browser.new_context(viewport=SIZES[size]).new_page()
    page.goto(server.url + "/en/login/")
    page.fill("#id_username", email)
    page.fill("#id_password", PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(lambda url: "/login/" not in url)
    return page


@pytest.mark.parametrize("size", ["projector", "phone"])
def test_an_administrator_follows_the_chain_from_the_top_down(browser, server, size):
    page = logged_in(browser, server, ADMIN_EMAIL, size)
    page.goto(server.url + "/en/organisationer/1/personer/")
    page.get_by_role("link", name="Chain of dialogues").click()
    page.get_by_role("heading", name="The chain of dialogues", level=1).wait_for()

    headings = page.locator("main h2").all_inner_texts()
    assert headings == ["The organisation", "The leader groups", "1-1 conversations"]
    main = page.locator("main").inner_text()
    assert "Direktionen, januar" in main and "Sparring for leaders" in main and "1 of 2 actions done" in main
    assert "Shares 1 theme with the organisation." in main and "No tool-2 dialogue yet." in main
    assert "2 of 4 leaders have had a 1-1 since" in main
    for secret in SECRETS:
        assert secret not in page.content()
    assert serious_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), "the page scrolls sideways"
    snapshot(page, f"forloeb-administrator-{size}")


def test_a_chief_sees_their_own_leader_group_on_a_phone(browser, server):
    page = logged_in(browser, server, CHIEF_EMAIL, "phone")
    page.goto(server.url + "/en/")
    page.get_by_role("link", name="See the chain in Testkommune").click()
    page.get_by_role("heading", name="The chain of dialogues", level=1).wait_for()
    main = page.locator("main").inner_text()
    assert "Ældreplejens ledergruppe" in main and "Skoleledergruppen" not in main
    assert "Open the summary" not in main  # summaries are for those who run the dialogues
    for secret in SECRETS:
        assert secret not in page.content()
    assert serious_violations(page) == []
    snapshot(page, "forloeb-chief-phone")


def test_the_danish_page_fits_a_phone(browser, server):
    page = logged_in(browser, server, ADMIN_EMAIL, "phone")
    page.goto(server.url + "/organisationer/1/forloeb/")
    page.locator("main h1").wait_for()
    assert page.locator("html").get_attribute("lang") == "da"
    assert serious_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    snapshot(page, "forloeb-administrator-phone-da")
