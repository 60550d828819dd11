"""The front page, the tool pages and the accessibility statement in a real browser."""

import io

import pytest
from axe_playwright_python.sync_playwright import Axe
from pypdf import PdfReader

pytestmark = pytest.mark.browser

PAGES = ["/", "/redskaber/organisationen/", "/redskaber/ledergruppen/", "/redskaber/den-enkelte-leder/", "/tilgaengelighed/"]
axe = Axe()


def serious_violations(page) -> list[str]:
    results = axe.run(page)
    return [
        f"{violation['id']} ({violation['impact']}): {[node['target'] for node in violation['nodes']][:3]}"
        for violation in results.response["violations"]
        if violation["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize("size", ["projector", "phone"])
@pytest.mark.parametrize("language", ["da", "en"])
@pytest.mark.parametrize("path", PAGES)
def test_page_has_no_serious_accessibility_violations_and_fits_the_screen(open_page, path, language, size):
    page = open_page(("/en" if language == "en" else "") + path, size)
    assert page.locator("html").get_attribute("lang") == language
    assert serious_violations(page) == []
    # Nothing wider than the screen: no sideways scrolling on a phone.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert page.foreign_requests == []


def test_the_tool_page_shows_the_whole_deck_as_cards_on_a_phone(open_page):
    page = open_page("/redskaber/organisationen/", "phone")
    cards = page.locator(".deck .card")
    assert cards.count() == 16
    assert cards.nth(15).locator("h3").inner_text() == "Anerkendelse"
    box = cards.nth(0).bounding_box()
    assert box["width"] > 300  # one card per row, full width


def test_a_keyboard_user_skips_to_content_opens_a_tool_and_downloads_its_cards(open_page):
    page = open_page("/")
    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    assert skip.bounding_box()["y"] >= 0  # visible when focused
    page.keyboard.press("Enter")
    # Tab on from the main content to the first tool and open it.
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent.trim()") == "Fokus på organisationen":
            break
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("h1").inner_text() == "Fokus på organisationen"

    for _ in range(10):
        page.keyboard.press("Tab")
        if "Kortene" in page.evaluate("document.activeElement.textContent"):
            break
    with page.expect_download() as download_info:
        page.keyboard.press("Enter")
    download = download_info.value
    assert download.suggested_filename == "ledertrivsel-1-organisationen-kort.pdf"
    reader = PdfReader(io.BytesIO(open(download.path(), "rb").read()))
    assert len(reader.pages) == 2
    assert "16 kort til dialogredskab. Print og klip ud. Side 1 af 2" in reader.pages[0].extract_text()


def test_the_language_switch_keeps_the_page(open_page):
    page = open_page("/redskaber/ledergruppen/")
    page.locator(".site-header .language-switch").click()
    assert page.url.endswith("/en/redskaber/ledergruppen/")
    assert page.locator("h1").inner_text() == "Focus on the leader group"
    assert page.get_by_role("heading", name="How to proceed").is_visible()


def test_focus_is_always_visible(open_page):
    page = open_page("/redskaber/organisationen/")
    for _ in range(6):
        page.keyboard.press("Tab")
        outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
        box_shadow = page.evaluate("getComputedStyle(document.activeElement).boxShadow")
        assert outline != "none" or box_shadow != "none", page.evaluate("document.activeElement.outerHTML")
