"""People log in through their organisation's identity provider: a real OpenID Connect provider in
a process of its own, our app in another, and Chromium between them. The flows start on the
English pages, so they read the same before and after the Danish catalogue is compiled."""

import json

import pytest

from .conftest import FACILITATOR_EMAIL, PASSWORD, PROVIDER_NAME

pytestmark = pytest.mark.browser


def log_in_at_provider(page, app, email: str, start: str = "/en/login/"):
    """From a page of ours, through the provider's login, until the browser is back with us."""
    page.goto(app.url + start)
    page.get_by_role("link", name=f"Log in with {PROVIDER_NAME}").click()
    page.fill("#id_username", email)
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Sign in at the provider").click()
    page.wait_for_url(app.url + "/**")


def accounts_for(app, email: str) -> list[dict]:
    """The app's accounts with this e-mail and their roles, read from its database by the app itself."""
    code = (
        "import json; from django.contrib.auth import get_user_model; "
        f"users = get_user_model().objects.filter(email__iexact={email!r}); "
        "print(json.dumps([{'username': u.username, 'name': u.get_full_name(), 'password_login': u.has_usable_password(), "
        "'roles': [[m.organisation.name, m.role] for m in u.memberships.all()]} for u in users]))"
    )
    return json.loads(app.command("manage", "shell", "--verbosity", "0", "-c", code).stdout)


def invite(app, email: str, role: str, name: str = ""):
    code = (
        "from django.contrib.auth import get_user_model; from ledertrivsel.organisations.models import Organisation; "
        "from ledertrivsel.organisations.invitations import invite; "
        f"invite(organisation=Organisation.objects.get(), email={email!r}, role={role!r}, name={name!r}, "
        f"invited_by=get_user_model().objects.get(username={FACILITATOR_EMAIL!r}))"
    )
    app.command("manage", "shell", "--verbosity", "0", "-c", code)


def test_a_facilitator_logs_in_with_the_provider_and_sees_their_dialogues(page, provider, app):
    # The provider writes the address its own way; our account has it in lower case.
    provider.add_person("Tove@Testkommune.dk", "Tove Holder")
    page.goto(app.url + "/en/dialoger/")
    page.get_by_role("heading", name="Log in", exact=True).wait_for()
    assert page.get_by_label("E-mail").is_visible(), "password login is still there beside single sign-on"

    page.get_by_role("link", name=f"Log in with {PROVIDER_NAME}").click()
    assert page.url.startswith(provider.url), "the button leads to the identity provider"
    page.fill("#id_username", "Tove@Testkommune.dk")
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Sign in at the provider").click()

    page.get_by_role("heading", name="My dialogues").wait_for()
    assert page.url == app.url + "/en/dialoger/"
    assert page.get_by_role("heading", name="Start a dialogue").is_visible()
    assert page.get_by_role("button", name="Log out").is_visible()
    assert accounts_for(app, FACILITATOR_EMAIL)[0]["roles"] == [["Testkommune", "administrator"]]


def test_the_page_asked_for_opens_after_logging_in(page, provider, app):
    provider.add_person("frank@testkommune.dk", "Frank Facilitator")
    invite(app, "frank@testkommune.dk", "facilitator")
    log_in_at_provider(page, app, "frank@testkommune.dk", start="/en/grupper/")
    page.get_by_role("heading", name="Groups").first.wait_for()
    assert page.url == app.url + "/en/grupper/"


def test_a_person_nobody_invited_is_refused_and_gets_no_account(page, provider, app):
    provider.add_person("ukendt@andetsted.dk", "Ulla Ukendt")
    log_in_at_provider(page, app, "ukendt@andetsted.dk")

    assert page.url.startswith(app.url + "/en/login/")
    page.get_by_text("Your organisation has not given you access yet. Ask your HR administrator for an invitation.").wait_for()
    assert not page.get_by_role("button", name="Log out").is_visible()
    assert accounts_for(app, "ukendt@andetsted.dk") == []


def test_an_invited_person_gets_an_account_and_their_role(page, provider, app):
    invite(app, "lis@testkommune.dk", "leader", name="Lis")
    provider.add_person("Lis@Testkommune.dk", "Lis Leder")
    log_in_at_provider(page, app, "Lis@Testkommune.dk")

    page.get_by_text("Welcome to Testkommune. You are leader.").wait_for()
    assert page.get_by_role("button", name="Log out").is_visible()
    assert accounts_for(app, "lis@testkommune.dk") == [
        {"username": "lis@testkommune.dk", "name": "Lis Leder", "password_login": False, "roles": [["Testkommune", "leader"]]}
    ]


def test_an_address_the_provider_has_not_verified_is_refused(page, provider, app):
    # Invited, so only the provider's "not verified" stands between this person and an account.
    invite(app, "ny@testkommune.dk", "leader")
    provider.add_person("ny@testkommune.dk", "Nina Ny", verified=False)
    log_in_at_provider(page, app, "ny@testkommune.dk")

    assert page.url.startswith(app.url + "/en/login/")
    page.get_by_text(f"{PROVIDER_NAME} has not confirmed your e-mail address").wait_for()
    assert accounts_for(app, "ny@testkommune.dk") == []


def test_a_forged_return_from_the_provider_ends_on_the_login_page_not_an_error(page, app):
    response = page.goto(app.url + "/sso/callback/?code=forged&state=forged")
    assert response.status == 200
    assert page.url == app.url + "/login/"
    assert page.locator(".notice--error").count() == 1
    assert not page.get_by_role("button", name="Log ud").is_visible()
