"""A leader reads and downloads their data and asks for it to be deleted; an administrator
carries the request out. axe checks Mine data, deletion requests and the data-protection page."""

import io
import json

import pytest
from pypdf import PdfReader

from tests.servers import AppServer

from .conftest import SIZES, snapshot
from .test_public_pages import serious_violations

pytestmark = pytest.mark.browser

ADMIN_EMAIL = "hanne@testkommune.dk"
LEADER_EMAIL = "lis@testkommune.dk"
PASSWORD = "Dialog-med-ledere-42"

MAKE_LEADER = f"""
from django.contrib.auth import get_user_model
from ledertrivsel.organisations.models import Membership, Organisation
user = get_user_model().objects.create_user("{LEADER_EMAIL}", "{LEADER_EMAIL}", "{PASSWORD}", first_name="Lis", last_name="Leder")
Membership.objects.create(user=user, organisation=Organisation.objects.get(), role="leader")
"""


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    var = tmp_path_factory.mktemp("privacy-var")
    app = AppServer(
        var, f"sqlite:///{var / 'app.sqlite3'}", LEDERTRIVSEL_ADMIN_PASSWORD=PASSWORD,
        EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend", EMAIL_FILE_PATH=str(var / "mail"),
    )
    app.command("create-admin", "--email", ADMIN_EMAIL, "--organisation", "Testkommune", "--name", "Hanne HR")
    app.command("manage", "shell", "-c", MAKE_LEADER)
    app.environment["SITE_URL"] = app.url
    app.start()
    yield app
    app.stop()


def logged_in(browser, server, email, size="projector"):
    page = browser.new_context(viewport=SIZES[size], accept_downloads=True).new_page()
    page.goto(server.url + "/en/login/")
    page.fill("#id_username", email)
    page.fill("#id_password", PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(lambda url: "/login/" not in url)
    return page


def test_a_leader_downloads_their_data_and_asks_for_deletion(browser, server):
    leader = logged_in(browser, server, LEADER_EMAIL, "phone")
    leader.goto(server.url + "/en/mine-data/")
    leader.get_by_role("heading", name="My data").wait_for()
    assert "Lis Leder" in leader.locator("main").inner_text()
    assert serious_violations(leader) == []
    assert leader.evaluate("document.documentElement.scrollWidth <= window.innerWidth")

    with leader.expect_download() as download:
        leader.get_by_role("link", name="Download as PDF").click()
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(open(download.value.path(), "rb").read())).pages)
    assert "Lis Leder" in text and LEADER_EMAIL in text and "Testkommune" in text
    with leader.expect_download() as download:
        leader.get_by_role("link", name="Download as JSON (for other programs)").click()
    assert json.loads(open(download.value.path(), "rb").read())["account"]["email"] == LEADER_EMAIL

    leader.get_by_role("link", name="Ask for deletion…").click()
    leader.get_by_label("A note to the administrators").fill("Jeg er stoppet som leder.")
    assert serious_violations(leader) == []
    leader.get_by_role("button", name="Yes, ask for deletion").click()
    leader.get_by_text("Your request is sent to the administrators of Testkommune").wait_for()
    snapshot(leader, "privacy-my-data-phone")
    mails = "".join(path.read_text() for path in (server.var_dir / "mail").glob("*.log"))
    assert "Jeg er stoppet som leder." in mails and f"{server.url}/organisationer/1/sletning/" in mails

    admin = logged_in(browser, server, ADMIN_EMAIL)
    admin.goto(server.url + "/en/organisationer/1/databeskyttelse/")
    admin.get_by_role("heading", name="Data protection in Testkommune").wait_for()
    assert serious_violations(admin) == []
    admin.get_by_role("link", name="Deletion requests").click()
    assert "Jeg er stoppet som leder." in admin.locator("main").inner_text()
    assert serious_violations(admin) == []
    admin.get_by_role("link", name="Carry out the deletion…").click()
    admin.get_by_role("button", name="Yes, delete").click()
    admin.get_by_text("lis@testkommune.dk is deleted").wait_for()
    snapshot(admin, "privacy-deletion-requests")

    admin.get_by_role("link", name="Audit log").click()
    log = admin.locator("main table").inner_text()
    assert "Downloaded their own personal data as PDF" in log and "Deleted the personal data of lis@testkommune.dk" in log
    assert leader.context.request.get(server.url + "/en/mine-data/", max_redirects=0).status == 302  # the session is gone with the account
