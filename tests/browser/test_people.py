"""An administrator invites a leader by e-mail, the leader makes an account from the link on
their phone, and the administrator makes them a chief; the audit log shows both."""

import re

import pytest

from tests.servers import AppServer

from .conftest import SIZES, snapshot
from .test_public_pages import serious_violations

pytestmark = pytest.mark.browser

ADMIN_EMAIL = "hanne@testkommune.dk"
PASSWORD = "Dialog-med-ledere-42"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """Its own app, whose mails land in files the test can open."""
    var = tmp_path_factory.mktemp("people-var")
    app = AppServer(
        var, f"sqlite:///{var / 'app.sqlite3'}", LEDERTRIVSEL_ADMIN_PASSWORD=PASSWORD,
        EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend", EMAIL_FILE_PATH=str(var / "mail"),
    )
    app.command("create-admin", "--email", ADMIN_EMAIL, "--organisation", "Testkommune", "--name", "Hanne HR")
    app.environment["SITE_URL"] = app.url
    app.start()
    yield app
    app.stop()


def mailed_link(server) -> str:
    text = "".join(path.read_text() for path in sorted((server.var_dir / "mail").glob("*.log")))
    return re.findall(r"http://\S+/invitation/\S+/", text)[-1]


def test_an_invitation_from_mail_to_a_chief(browser, server):
    admin = browser.new_context(viewport=SIZES["projector"]).new_page()
    admin.goto(server.url + "/login/")
    admin.fill("#id_username", ADMIN_EMAIL)
    admin.fill("#id_password", PASSWORD)
    admin.locator("main form button[type=submit]").click()
    admin.get_by_role("link", name="Organisation", exact=True).click()
    admin.get_by_role("heading", name="Personer og roller").wait_for()
    assert serious_violations(admin) == []

    admin.fill("#id_email", "lis@testkommune.dk")
    admin.fill("#id_name", "Lis Leder")
    admin.select_option("#id_role", label="Leder")
    admin.get_by_role("button", name="Send invitationen").click()
    admin.get_by_text("Der er sendt en invitation til lis@testkommune.dk").wait_for()
    assert admin.locator(".invitation-list > li").count() == 1
    snapshot(admin, "people-projector")

    phone = browser.new_context(viewport=SIZES["phone"]).new_page()
    phone.goto(mailed_link(server))
    phone.get_by_role("heading", name="Invitation til Testkommune").wait_for()
    assert serious_violations(phone) == []
    phone.get_by_label("Dit navn").fill("Lis Leder")
    phone.get_by_label("Vælg en adgangskode").fill(PASSWORD)
    phone.get_by_label("Adgangskoden igen").fill(PASSWORD)
    phone.keyboard.press("Enter")
    phone.get_by_text("Velkommen til Testkommune. Du er leder.").wait_for()
    snapshot(phone, "invitation-accepted-phone")

    admin.reload()
    assert "lis@testkommune.dk" not in admin.locator("main").inner_text().split("Invitationer, der ikke er taget imod endnu")[1]
    admin.get_by_role("link", name="Lis Leder").click()
    admin.select_option("#id_role", label="Chef")
    admin.get_by_role("button", name="Gem").click()
    row = admin.locator("tr", has_text="Lis Leder")
    assert "Chef" in row.inner_text()

    admin.get_by_role("link", name="Revisionslog").click()
    log = admin.locator("main table").inner_text()
    assert "Inviterede lis@testkommune.dk som Leder" in log
    assert "Ændrede rollen for lis@testkommune.dk fra Leder til Chef" in log
    assert serious_violations(admin) == []
    snapshot(admin, "audit-log-projector")
