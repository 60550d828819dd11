"""Every page tells the browser to load only our own files, never to be framed, and to keep
what it sends elsewhere to itself; in production also to use HTTPS only (SECURITY.md)."""

import json
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache

from ledertrivsel.content.models import Tool
from ledertrivsel.dialogues import actions
from ledertrivsel.organisations.models import Membership, Organisation

ROOT = Path(__file__).resolve().parents[2]

POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "connect-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}


def policy_of(response) -> dict[str, list[str]]:
    directives = [part.split() for part in response["Content-Security-Policy"].split(";") if part.strip()]
    return {directive[0]: directive[1:] for directive in directives}


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()  # the join rate limit


@pytest.fixture
def facilitator(db):
    organisation = Organisation.objects.create(name="Testkommune", slug="testkommune")
    user = get_user_model().objects.create_user("tove@testkommune.dk", "tove@testkommune.dk", "Dialog-med-ledere-42")
    Membership.objects.create(user=user, organisation=organisation, role=Membership.Role.FACILITATOR)
    return user


@pytest.fixture
def dialogue(facilitator):
    return actions.create_dialogue(
        user=facilitator,
        organisation=facilitator.memberships.get().organisation,
        tool=Tool.objects.get(number=1),
        title="Direktionen",
        minutes=60,
        anonymous=False,
    )


def representative_pages(client, facilitator, dialogue):
    """(name, response) for the kinds of page people meet: public, forms, live views, a download."""
    yield "front page", client.get("/")
    yield "front page in English", client.get("/en/")
    yield "tool page", client.get("/redskaber/organisationen/")
    yield "card deck PDF", client.get("/redskaber/organisationen/kort.pdf")
    yield "login", client.get("/login/")
    yield "join", client.get("/deltag/")
    yield "page not found", client.get("/findes-ikke/")
    client.post("/deltag/", {"code": dialogue.code, "name": "Anna"})
    yield "participant's phone", client.get(f"/d/{dialogue.code}/mig/")
    client.force_login(facilitator)
    yield "facilitator's shared screen", client.get(f"/dialoger/{dialogue.pk}/")
    yield "summary PDF", client.get(f"/dialoger/{dialogue.pk}/opsummering.pdf")


def test_every_kind_of_page_sends_the_strict_policy_and_the_security_headers(client, facilitator, dialogue):
    for name, response in representative_pages(client, facilitator, dialogue):
        assert response.status_code in (200, 404), name
        assert policy_of(response) == POLICY, name
        assert response["X-Frame-Options"] == "DENY", name
        assert response["X-Content-Type-Options"] == "nosniff", name
        assert response["Referrer-Policy"] == "same-origin", name
        assert response["Cross-Origin-Opener-Policy"] == "same-origin", name
        assert response["Cross-Origin-Resource-Policy"] == "same-origin", name
        assert "camera=()" in response["Permissions-Policy"] and "microphone=()" in response["Permissions-Policy"], name


def test_a_downloaded_summary_is_not_kept_in_any_cache(client, facilitator, dialogue):
    client.force_login(facilitator)
    response = client.get(f"/dialoger/{dialogue.pk}/opsummering.pdf")
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "no-store"


def test_the_live_pages_tell_htmx_not_to_inject_styles_or_evaluate_code(client, facilitator, dialogue):
    client.force_login(facilitator)
    page = client.get(f"/dialoger/{dialogue.pk}/").content.decode()
    config = re.search(r"<meta name=\"htmx-config\" content='([^']+)'>", page)
    assert config, "the shared screen has no htmx-config"
    assert json.loads(config.group(1)) == {
        "includeIndicatorStyles": False, "allowEval": False, "allowScriptTags": False, "attributesToSettle": ["class", "width", "height"],
    }


# What the policy would block: inline <style>/<script>, style="" and on…="" attributes, javascript: links.
COMMENT = re.compile(r"{#.*?#}")
INLINE = re.compile(r"<style\b|<script\b(?![^>]*\bsrc=)|\sstyle=|\son[a-z]+=|javascript:", re.IGNORECASE)


def test_no_template_has_inline_script_or_style_that_the_policy_would_block():
    offenders = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()[:120]}"
        for path in sorted(ROOT.glob("ledertrivsel/*/templates/**/*.html"))
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if INLINE.search(COMMENT.sub("", line))
    ]
    assert offenders == []


def run_with_settings(environment: dict, code: str, tmp_path) -> subprocess.CompletedProcess:
    """Runs Python in a fresh process whose settings are read from exactly this environment."""
    keep = {name: value for name, value in os.environ.items() if name in ("PATH", "HOME", "LANG", "PYTHONPATH")}
    env = {
        **keep,
        "DJANGO_SETTINGS_MODULE": "ledertrivsel.settings",
        "LEDERTRIVSEL_VAR_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        **environment,
    }
    return subprocess.run([sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True, timeout=120)


PRODUCTION = {"SECURE_COOKIES": "1", "SECRET_KEY": secrets.token_urlsafe(50), "ALLOWED_HOSTS": "ledertrivsel.example.dk"}

# The login page as a browser meets it behind the proxy, once over http and once over https.
VISIT_LOGIN = """
import json, django
django.setup()
from django.core.management import call_command
call_command("collectstatic", interactive=False, verbosity=0)  # as `ledertrivsel serve` does
from django.test import Client
client = Client(HTTP_HOST="ledertrivsel.example.dk")
plain = client.get("/login/")
proxied = client.get("/login/", HTTP_X_FORWARDED_PROTO="https")
csrf = proxied.cookies.get("csrftoken")
from django.conf import settings
print(json.dumps({
    "http_status": plain.status_code, "http_location": plain.get("Location"),
    "https_status": proxied.status_code, "hsts": proxied.get("Strict-Transport-Security"),
    "csrf_cookie_secure": bool(csrf and csrf["secure"]), "session_cookie_secure": settings.SESSION_COOKIE_SECURE,
    "session_cookie_httponly": settings.SESSION_COOKIE_HTTPONLY, "debug": settings.DEBUG,
}))
"""


def test_in_production_http_is_redirected_to_https_with_hsts_and_secure_cookies(tmp_path):
    result = run_with_settings(PRODUCTION, VISIT_LOGIN, tmp_path)
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout)
    assert seen["http_status"] == 301 and seen["http_location"] == "https://ledertrivsel.example.dk/login/"
    assert seen["https_status"] == 200
    assert seen["hsts"] == "max-age=31536000; includeSubDomains"
    assert seen["csrf_cookie_secure"] and seen["session_cookie_secure"] and seen["session_cookie_httponly"]
    assert seen["debug"] is False


def test_django_deploy_checks_find_nothing_in_production_but_the_optional_hsts_preload(tmp_path):
    result = run_with_settings(PRODUCTION, "from django.core.management import execute_from_command_line; execute_from_command_line(['manage', 'check', '--deploy'])", tmp_path)
    assert result.returncode == 0, result.stderr
    assert re.findall(r"\((\w+\.[EW]\d+)\)", result.stderr + result.stdout) == ["security.W021"]


def test_the_embedded_run_on_plain_http_still_works(tmp_path):
    result = run_with_settings({"ALLOWED_HOSTS": "ledertrivsel.example.dk"}, VISIT_LOGIN, tmp_path)
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout)
    assert seen["http_status"] == 200 and seen["hsts"] is None
    assert not seen["csrf_cookie_secure"] and not seen["session_cookie_secure"]
