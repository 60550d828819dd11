"""Single sign-on against a real OpenID Connect provider: django-oidc-provider (tests/sso/provider/)
and our app each run in a process of their own on 127.0.0.1, and Chromium goes between them."""

import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.servers import AppServer, free_port

REPOSITORY = Path(__file__).resolve().parents[2]
CLIENT_ID = "ledertrivsel-test"
CLIENT_SECRET = "a-secret-only-the-two-test-servers-share"
PROVIDER_NAME = "Testkommunens login"
FACILITATOR_EMAIL = "tove@testkommune.dk"
PASSWORD = "Dialog-med-ledere-42"


class ProviderServer:
    """The identity provider, as an organisation's IT department runs it, with our app registered."""

    def __init__(self, var_dir: Path):
        self.var_dir = var_dir
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.environment = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "tests.sso.provider.settings",
            "PROVIDER_DATABASE": str(var_dir / "provider.sqlite3"),
            "PROVIDER_URL": self.url,
        }
        self.log_path = var_dir / "provider.log"
        self.process = None

    def setup(self, *arguments: str):
        subprocess.run(
            [sys.executable, "-m", "tests.sso.provider.setup", *arguments],
            env=self.environment, cwd=REPOSITORY, check=True, capture_output=True, text=True,
        )

    def add_person(self, email: str, name: str, *, verified: bool = True):
        self.setup("person", email, PASSWORD, name, *([] if verified else ["--unverified"]))

    def start(self) -> "ProviderServer":
        with open(self.log_path, "a") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "django", "runserver", f"127.0.0.1:{self.port}", "--noreload"],
                env=self.environment, cwd=REPOSITORY, stdout=log, stderr=subprocess.STDOUT,
            )
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(self.url + "/.well-known/openid-configuration", timeout=2).read()
                return self
            except OSError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    self.stop()
                    raise RuntimeError(f"the provider did not start:\n{self.log_path.read_text()}")
                time.sleep(0.2)

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)


@pytest.fixture(scope="session")
def provider_and_app(tmp_path_factory):
    """Both servers, each told the other's address: the provider our redirect URI, our app the
    provider's endpoints, through the environment variables an installation sets."""
    provider = ProviderServer(tmp_path_factory.mktemp("provider-var"))
    var = tmp_path_factory.mktemp("sso-app-var")
    app = AppServer(
        var, f"sqlite:///{var / 'app.sqlite3'}", LEDERTRIVSEL_ADMIN_PASSWORD=PASSWORD,
        OIDC_RP_CLIENT_ID=CLIENT_ID, OIDC_RP_CLIENT_SECRET=CLIENT_SECRET, OIDC_PROVIDER_NAME=PROVIDER_NAME,
        OIDC_OP_AUTHORIZATION_ENDPOINT=provider.url + "/authorize", OIDC_OP_TOKEN_ENDPOINT=provider.url + "/token",
        OIDC_OP_USER_ENDPOINT=provider.url + "/userinfo", OIDC_OP_JWKS_ENDPOINT=provider.url + "/jwks",
    )
    provider.setup("client", CLIENT_ID, CLIENT_SECRET, app.url + "/sso/callback/")
    app.command("create-admin", "--email", FACILITATOR_EMAIL, "--organisation", "Testkommune", "--name", "Tove Holder")
    provider.start()
    try:
        app.start()
        yield provider, app
    finally:
        app.stop()
        provider.stop()


@pytest.fixture(scope="session")
def provider(provider_and_app):
    return provider_and_app[0]


@pytest.fixture(scope="session")
def app(provider_and_app):
    return provider_and_app[1]


@pytest.fixture
def page(browser):
    """A fresh browser, as a person who has logged in nowhere yet."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()
