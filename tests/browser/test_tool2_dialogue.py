"""Tool 2, "Fokus på ledergruppen", in real browsers: a chief runs it with their own leader group
from the join code to the group's action plan, and the group's next dialogue follows that plan up."""

import re

import pytest

from tests.servers import AppServer

from .conftest import SIZES, snapshot
from .test_live_dialogue import button, connected
from .test_public_pages import serious_violations

pytestmark = pytest.mark.browser

ADMIN_EMAIL = "hanne@testkommune.dk"
CHIEF_EMAIL = "carl@testkommune.dk"
PASSWORD = "Dialog-med-ledere-42"

# The chief and their leader group, and a tool-1 dialogue in which the top management
# prioritised two themes: made in the app's own process, as `ledertrivsel manage shell` runs it.
SETUP = f"""
from django.contrib.auth import get_user_model
from ledertrivsel.content.models import Card, Tool
from ledertrivsel.dialogues import actions
from ledertrivsel.dialogues.models import PrioritisedTheme
from ledertrivsel.organisations.models import Group, Membership, Organisation

organisation = Organisation.objects.get(name="Testkommune")
admin = get_user_model().objects.get(email="{ADMIN_EMAIL}")
chief = get_user_model().objects.create_user("{CHIEF_EMAIL}", "{CHIEF_EMAIL}", "{PASSWORD}", first_name="Carl")
Membership.objects.create(user=chief, organisation=organisation, role=Membership.Role.CHIEF)
Group.objects.create(organisation=organisation, name="Ledergruppen Nord", kind=Group.Kind.LEADER_GROUP, chief=chief)
Group.objects.create(organisation=organisation, name="Ledergruppen Syd", kind=Group.Kind.LEADER_GROUP)
top = Group.objects.create(organisation=organisation, name="Direktionen", kind=Group.Kind.TOP_MANAGEMENT)
dialogue = actions.create_dialogue(
    user=admin, organisation=organisation, tool=Tool.objects.get(number=1), title="Direktionen, januar",
    minutes=60, anonymous=False, group=top,
)
for position, key in enumerate(["maal", "sygefravaer"], 1):
    PrioritisedTheme.objects.create(dialogue=dialogue, card=Card.objects.get(tool__number=1, key=key), position=position)
"""


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    var = tmp_path_factory.mktemp("tool2-var")
    app = AppServer(var, f"sqlite:///{var / 'app.sqlite3'}", LEDERTRIVSEL_ADMIN_PASSWORD=PASSWORD)
    app.command("create-admin", "--email", ADMIN_EMAIL, "--organisation", "Testkommune", "--name", "Hanne HR")
    app.command("manage", "shell", "-c", SETUP)
    app.start()
    yield app
    app.stop()


@pytest.fixture(scope="module")
def app_url(server):
    """open_page (conftest) opens pages on this module's own app."""
    return server.url


def start_tool_2(screen, title):
    screen.get_by_role("link", name="Mine dialoger").click()
    screen.get_by_role("link", name="Fokus på ledergruppen").click()
    options = screen.locator("#id_group option").all_inner_texts()
    assert options == ["Ledergruppen Nord"], options  # only the group the chief leads
    screen.fill("#id_title", title)
    screen.select_option("#id_minutes", "45")
    screen.get_by_role("button", name="Start og vis den fælles skærm").click()
    connected(screen)


def next_step(screen):
    button(screen, "Næste trin →").click()


def test_a_chief_runs_tool_2_with_the_leader_group_to_its_plan_and_follows_it_up_next_time(open_page):
    screen = open_page("/login/", "projector")
    screen.fill("#id_username", CHIEF_EMAIL)
    screen.fill("#id_password", PASSWORD)
    screen.locator("main form button[type=submit]").click()
    start_tool_2(screen, "Ledergruppen Nord, marts")
    assert screen.locator(".live-header__title").get_by_text("Fokus på ledergruppen").count() == 1
    # The top management's prioritised themes, as context: titles only.
    context = screen.locator(".context-above")
    assert context.locator("li").all_inner_texts() == ["Mål", "Sygefravær"]
    assert "Direktionen" not in context.inner_text()
    code = screen.locator(".join-chip__code").inner_text().strip()

    phones = {}
    for name, size in (("Lis", "phone"), ("Lars", "projector"), ("Lone", "projector")):
        phone = open_page(f"/d/{code}/", size)
        phone.fill("#id_name", name)
        phone.locator("main form button[type=submit]").click()
        connected(phone)
        phones[name] = phone
    screen.locator(".person__name", has_text="Lone").wait_for()
    assert serious_violations(screen) == []
    assert serious_violations(phones["Lis"]) == []
    snapshot(screen, "tool2-lobby-projector")
    snapshot(phones["Lis"], "tool2-lobby-phone")

    # Step 1: tool 2's own deck on every phone.
    button(screen, "Start dialogen →").click()
    phones["Lis"].locator("#screen-main, main").get_by_text("Psykologisk tryghed").first.wait_for()
    # Step 2: picks and a reason.
    next_step(screen)
    for name, card in (("Lis", "tillid"), ("Lars", "psykologisk-tryghed"), ("Lone", "tillid")):
        phones[name].locator(f"#pick-{card}").click()
    phones["Lis"].fill("#reason", "Vi siger for sjældent højt, når noget er svært.")
    phones["Lis"].get_by_role("button", name="Gem begrundelsen").click()
    phones["Lis"].get_by_text("Din begrundelse er gemt.").wait_for()
    screen.get_by_text("3 af 3 har valgt et kort.").wait_for()
    snapshot(phones["Lis"], "tool2-pick-phone")
    # Step 3: the round of reasons.
    next_step(screen)
    screen.get_by_text("Vi siger for sjældent højt, når noget er svært.").wait_for()
    # Step 4: dots, with the top management's themes beside the tally; the chief confirms.
    next_step(screen)
    for name, cards in (("Lis", ["tillid", "tillid", "psykologisk-tryghed"]), ("Lars", ["psykologisk-tryghed"] * 3), ("Lone", ["tillid"] * 3)):
        for card in cards:
            phones[name].locator(f"#dot-{card}").click()
            phones[name].wait_for_timeout(150)
    screen.get_by_text("9 af 9 prikker er sat.").wait_for()
    assert screen.locator(".context-above li").all_inner_texts() == ["Mål", "Sygefravær"]
    screen.locator("#theme-tillid").check()
    button(screen, "Bekræft de afkrydsede temaer (1-3)").click()
    screen.locator(".tally-form__done").wait_for()
    assert serious_violations(screen) == []
    snapshot(screen, "tool2-prioritise-projector")
    # Step 5: the next steps, drafted together.
    next_step(screen)
    screen.locator("#ns-tillid-actions").fill("Fast sparring hver måned\nSig det højt på mødet")
    screen.locator("#ns-tillid-responsible").fill("Carl")
    screen.locator("#next-step-tillid").get_by_role("button", name="Gem").click()
    phones["Lars"].get_by_text("Fast sparring hver måned").wait_for()
    assert serious_violations(phones["Lis"]) == []
    snapshot(phones["Lis"], "tool2-next-steps-phone")

    # The summary, with the context, and the leader group's action plan made from it.
    screen.get_by_role("link", name="Opsummering").click()
    assert screen.locator(".context-above li").all_inner_texts() == ["Mål", "Sygefravær"]
    assert "Vi siger for sjældent højt" in screen.locator("main").inner_text()
    snapshot(screen, "tool2-summary")
    screen.get_by_role("button", name="Lav handleplanen").click()
    screen.locator(".action__text", has_text="Fast sparring hver måned").wait_for()
    assert screen.locator(".eyebrow").first.text_content().strip().endswith("Ledergruppen Nord")  # the plan is the group's
    assert screen.get_by_role("link", name=re.compile("^Redigér")).count() > 0  # and the chief may change it
    snapshot(screen, "tool2-plan")

    # The group's next dialogue opens by following that plan up.
    start_tool_2(screen, "Ledergruppen Nord, juni")
    button(screen, "Start dialogen →").click()
    screen.get_by_role("heading", name=re.compile("Opfølgning på sidste handleplan")).wait_for()
    assert "Fast sparring hver måned" in screen.locator("#screen-stage").inner_text()
    snapshot(screen, "tool2-follow-up-projector")
    for phone in phones.values():
        assert phone.foreign_requests == []
    assert screen.foreign_requests == []


def test_the_chief_cannot_open_the_top_managements_dialogue(browser, server):
    page = browser.new_context(viewport=SIZES["projector"]).new_page()
    page.goto(server.url + "/login/")
    page.fill("#id_username", CHIEF_EMAIL)
    page.fill("#id_password", PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.get_by_role("link", name="Mine dialoger").click()
    assert "Direktionen, januar" not in page.locator("main").inner_text()
    response = page.goto(server.url + "/dialoger/1/")
    assert response.status == 403
    page.context.close()
