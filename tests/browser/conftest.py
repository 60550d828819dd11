"""Browser tests: the real app in its own process, driven through Debian's chromium."""

import os

import pytest

from tests.servers import AppServer

FACILITATOR_EMAIL = "tove@testkommune.dk"
FACILITATOR_PASSWORD = "Dialog-med-ledere-42"
SIZES = {"projector": {"width": 1920, "height": 1080}, "phone": {"width": 390, "height": 844}}


@pytest.fixture(scope="session")
def app_server(tmp_path_factory):
    """`ledertrivsel serve` as `make run` starts it, on its own SQLite file, with a first administrator."""
    var = tmp_path_factory.mktemp("app-var")
    server = AppServer(var, f"sqlite:///{var / 'app.sqlite3'}", LEDERTRIVSEL_ADMIN_PASSWORD=FACILITATOR_PASSWORD)
    server.command("create-admin", "--email", FACILITATOR_EMAIL, "--organisation", "Testkommune", "--name", "Tove Holder")
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def app_url(app_server):
    return app_server.url


# Reports what the Content-Security-Policy blocked, on every page a browser test opens (SECURITY.md).
REPORT_CSP_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => window.reportCspViolation(
  `${event.effectiveDirective} blocked ${event.blockedURI || "inline code"} in ${event.sourceFile || event.documentURI}:${event.lineNumber}`
));
"""


@pytest.fixture
def open_page(browser, app_url):
    """Opens a path at a named size, records every request that leaves the app and everything
    the Content-Security-Policy blocks; a blocked script or style fails the test."""
    contexts, pages = [], []

    def open_(path: str, size: str = "projector", **context_options):
        context = browser.new_context(viewport=SIZES[size], accept_downloads=True, **context_options)
        contexts.append(context)
        page = context.new_page()
        pages.append(page)
        page.foreign_requests = []
        page.on("request", lambda request: None if request.url.startswith(app_url) else page.foreign_requests.append(request.url))
        page.csp_violations = []
        context.expose_function("reportCspViolation", lambda violation: page.csp_violations.append(violation))
        context.add_init_script(REPORT_CSP_VIOLATIONS)
        page.on("console", lambda message: page.csp_violations.append(message.text) if "Content Security Policy" in message.text else None)
        page.goto(app_url + path)
        return page

    yield open_
    violations = [violation for page in pages for violation in page.csp_violations]
    for context in contexts:
        context.close()
    if violations:
        pytest.fail("The Content-Security-Policy blocked something:\n" + "\n".join(violations))


def snapshot(page, name: str) -> None:
    """With LEDERTRIVSEL_SCREENSHOTS=<dir>, saves what the page shows now, for a person to look at."""
    folder = os.environ.get("LEDERTRIVSEL_SCREENSHOTS")
    if folder:
        os.makedirs(folder, exist_ok=True)
        page.screenshot(path=os.path.join(folder, f"{name}.png"), full_page=True)
