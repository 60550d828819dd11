"""A whole live dialogue in real browsers: a facilitator on a projector and three participants."""

import io
import re

import pytest
from pypdf import PdfReader

from .conftest import FACILITATOR_EMAIL, FACILITATOR_PASSWORD
from .test_public_pages import serious_violations

pytestmark = pytest.mark.browser


def connected(page):
    page.wait_for_selector("#connection[data-state=connected]", state="attached", timeout=10_000)


def keyboard_press(page, locator):
    """Reaches a control with the keyboard and presses Enter: no mouse."""
    locator.focus()
    page.keyboard.press("Enter")


def button(page, name):
    return page.get_by_role("button", name=name, exact=True)


def test_a_facilitator_and_three_participants_go_from_the_join_code_to_the_summary_pdf(open_page):
    screen = open_page("/login/", "projector")
    screen.fill("#id_username", FACILITATOR_EMAIL)
    screen.fill("#id_password", FACILITATOR_PASSWORD)
    screen.locator("main form button[type=submit]").click()
    screen.goto(screen.url.split("/dialoger/")[0] + "/redskaber/organisationen/start/")
    screen.fill("#id_title", "Direktionen, marts")
    screen.select_option("#id_minutes", "30")
    screen.locator("main form button[type=submit]").click()
    connected(screen)
    code = screen.locator(".join-chip__code").inner_text().strip()
    assert re.fullmatch(r"[A-HJKMNP-Z2-9]{6}", code)
    assert screen.locator(".lobby__qr svg").count() == 1
    assert serious_violations(screen) == []

    # Three participants: one by the link, one by typing the code, one at phone size with the keyboard only.
    phones = {}
    for name, size in (("Anna", "phone"), ("Bo", "phone"), ("Cecilie", "projector")):
        phone = open_page("/deltag/" if name == "Bo" else f"/d/{code}/", size)
        if name == "Bo":
            phone.fill("#id_code", code.lower())
        phone.fill("#id_name", name)
        phone.locator("main form button[type=submit]").click()
        connected(phone)
        phones[name] = phone
    screen.locator(".person__name", has_text="Cecilie").wait_for()
    assert serious_violations(phones["Anna"]) == []

    # A person at the table without a phone.
    screen.get_by_text("Tilføj en deltager uden egen enhed").click()
    screen.fill("#add-person-name", "Dorte")
    button(screen, "Tilføj").click()
    screen.locator(".person__name", has_text="Dorte").wait_for()

    # Step 1: the cards are laid out on every screen.
    keyboard_press(screen, button(screen, "Start dialogen →"))
    phones["Anna"].get_by_text("Kortene lægges ud").wait_for()
    assert phones["Anna"].locator(".deck .card").count() == 16

    # Step 2: private picks; the screen shows who, not what, until the reveal.
    keyboard_press(screen, button(screen, "Næste trin →"))
    phones["Anna"].locator("#pick-onboarding").wait_for()
    phones["Anna"].locator("#pick-onboarding").click()
    phones["Anna"].locator("#pick-maal").click()  # changed her mind
    phones["Bo"].locator("#pick-sygefravaer").click()
    keyboard_press(phones["Cecilie"], phones["Cecilie"].locator("#pick-maal"))
    screen.select_option("#record-pick-" + dorte_id(screen), "ledersparring")
    screen.locator("#screen-people form.record button").first.click()
    screen.get_by_text("4 af 4 har valgt et kort.").wait_for()
    assert screen.locator(".chip").count() == 0
    assert phones["Anna"].locator("#pick-maal").get_attribute("aria-pressed") == "true"
    assert re.fullmatch(r"\d+:\d\d", screen.locator(".timer").inner_text())  # counting down 5 min of 30
    phones["Anna"].reload()  # a reload comes back to the same place
    connected(phones["Anna"])
    assert phones["Anna"].locator("#pick-maal").get_attribute("aria-pressed") == "true"
    assert serious_violations(phones["Anna"]) == []
    phones["Anna"].fill("#reason", "Vi mangler fælles mål på tværs af områderne.")
    phones["Anna"].get_by_role("button", name="Gem begrundelsen").click()
    phones["Anna"].get_by_text("Din begrundelse er gemt.").wait_for()
    keyboard_press(screen, button(screen, "Vis valgene"))
    screen.locator(".card--picked").first.wait_for()
    assert sorted(screen.locator(".chip").all_inner_texts()) == ["Anna", "Bo", "Cecilie", "Dorte"]
    assert serious_violations(screen) == []

    # Step 3: the round of reasons, one person at a time.
    keyboard_press(screen, button(screen, "Næste trin →"))
    screen.get_by_text("Vi mangler fælles mål på tværs af områderne.").wait_for()
    keyboard_press(screen, button(screen, "Næste person →"))
    screen.locator(".round__who").get_by_text("Bo").wait_for()

    # Step 4: three dots each, a live tally, the facilitator confirms the themes.
    keyboard_press(screen, button(screen, "Næste trin →"))
    phones["Anna"].locator("#dot-maal").wait_for()
    screen.locator("#theme-maal").focus()
    screen.keyboard.press("Space")  # ticked early, while the dots still come in
    for name, cards in (("Anna", ["maal", "maal", "onboarding"]), ("Bo", ["sygefravaer", "maal", "sygefravaer"])):
        for card in cards:
            phones[name].locator(f"#dot-{card}").click()
            phones[name].wait_for_timeout(150)
    cecilie = phones["Cecilie"]
    for _ in range(3):
        keyboard_press(cecilie, cecilie.locator("#dot-maal"))
        cecilie.wait_for_timeout(200)
    cecilie.get_by_text("Du har 0 prikker tilbage").wait_for()
    keyboard_press(cecilie, cecilie.locator("#dot-support"))  # a fourth dot
    cecilie.locator("#live-error").get_by_text(re.compile("brugt alle dine 3 prikker")).wait_for()
    screen.get_by_text("9 af 12 prikker er sat.").wait_for()
    tally = screen.locator(".tally__row").first
    assert "Mål" in tally.inner_text() and "6 prikker" in tally.inner_text()
    assert serious_violations(screen) == []
    assert screen.locator("#theme-maal").is_checked()  # the early tick survived every push
    for card in ("sygefravaer",):  # ticked with the space bar
        screen.locator(f"input[name=cards][value={card}]").focus()
        screen.keyboard.press("Space")
    keyboard_press(screen, button(screen, "Bekræft de afkrydsede temaer (1-3)"))
    screen.locator(".tally-form__done").wait_for()
    assert screen.locator("input[name=cards]:checked").count() == 2

    # Step 5: a draft action card per theme, filled in together and seen on the phones.
    keyboard_press(screen, button(screen, "Næste trin →"))
    screen.locator("#ns-maal-why").fill("Lederne oplever uklare og skiftende mål.")
    screen.locator("#ns-maal-actions").fill("Workshop om fælles mål\nMålbillede i alle ledergrupper")
    screen.locator("#ns-maal-responsible").fill("Direktionen")
    screen.locator("#ns-maal-deadline").fill("2027-06-30")
    screen.locator("#next-step-maal").get_by_role("button", name="Gem").click()
    phones["Bo"].get_by_text("Workshop om fælles mål").wait_for()
    assert serious_violations(screen) == []
    assert serious_violations(phones["Bo"]) == []

    # The summary, as a PDF.
    screen.get_by_role("link", name="Opsummering").click()
    with screen.expect_download() as download:
        screen.get_by_role("link", name="Download som PDF").click()
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(open(download.value.path(), "rb").read())).pages)
    for expected in ("Direktionen, marts", "Anna", "Dorte", "Vi mangler fælles mål på tværs af områderne.", "Sygefravær", "Ledersparring", "Workshop om fælles mål", "Lederne oplever uklare og skiftende mål."):
        assert expected in text, expected
    for phone in phones.values():
        assert phone.foreign_requests == []
    assert screen.foreign_requests == []


def dorte_id(screen) -> str:
    return screen.locator("#screen-people select[id^=record-pick-]").first.get_attribute("id").removeprefix("record-pick-")
