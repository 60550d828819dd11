"""Browser tests: the real app in its own process, driven through Debian's chromium."""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

SIZES = {"projector": {"width": 1920, "height": 1080}, "phone": {"width": 390, "height": 844}}


def chromium_path() -> str:
    path = os.environ.get("LEDERTRIVSEL_CHROMIUM") or shutil.which("chromium")
    if not path:
        pytest.fail("Chromium is missing: run `make test` (it installs Debian's chromium when it can) or set LEDERTRIVSEL_CHROMIUM")
    return path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def app_url(tmp_path_factory):
    """`ledertrivsel serve` as `make run` starts it, on its own SQLite file and a free port."""
    var = tmp_path_factory.mktemp("app-var")
    port = free_port()
    env = {
        **os.environ,
        "LEDERTRIVSEL_VAR_DIR": str(var),
        "DATABASE_URL": f"sqlite:///{var / 'app.sqlite3'}",
        "DEBUG": "0",
    }
    log = open(var / "server.log", "w")
    process = subprocess.Popen(
        [sys.executable, "-m", "ledertrivsel.cli", "serve", "--port", str(port)], env=env, stdout=log, stderr=subprocess.STDOUT
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(url + "/", timeout=2)
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail(f"the app did not start:\n{(var / 'server.log').read_text()}")
            time.sleep(0.2)
    yield url
    process.terminate()
    process.wait(timeout=10)
    log.close()


@pytest.fixture(scope="session")
def browser():
    # Playwright's sync API runs an event loop in this thread; Django's ORM (used by
    # other tests in the same run) must not mistake that for async code.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_path(),
            args=["--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"],
        )
        yield browser
        browser.close()


@pytest.fixture
def open_page(browser, app_url):
    """Opens a path at a named size and records every request that leaves the app."""
    contexts = []

    def open_(path: str, size: str = "projector", **context_options):
        context = browser.new_context(viewport=SIZES[size], accept_downloads=True, **context_options)
        contexts.append(context)
        page = context.new_page()
        page.foreign_requests = []
        page.on("request", lambda request: None if request.url.startswith(app_url) else page.foreign_requests.append(request.url))
        page.goto(app_url + path)
        return page

    yield open_
    for context in contexts:
        context.close()
