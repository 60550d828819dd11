"""Shared by every test folder that drives Debian's chromium: one Playwright and one browser for
the whole run, since Playwright's sync API cannot be started twice in one process."""

import os
import shutil

import pytest


def chromium_path() -> str:
    path = os.environ.get("LEDERTRIVSEL_CHROMIUM") or shutil.which("chromium")
    if not path:
        pytest.fail("Chromium is missing: run `make test` (it installs Debian's chromium when it can) or set LEDERTRIVSEL_CHROMIUM")
    return path


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
