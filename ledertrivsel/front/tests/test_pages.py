"""The public pages, as the server renders them, in Danish and English."""

import pytest

pytestmark = pytest.mark.django_db


def page(client, path) -> str:
    response = client.get(path)
    assert response.status_code == 200, path
    return response.content.decode()


def test_the_front_page_presents_the_three_tools_with_focus_audience_and_time(client):
    html = page(client, "/")
    assert '<html lang="da">' in html
    assert "Hvordan kan vi styrke ledertrivsel?" in html
    for title, link in (
        ("Fokus på organisationen", "/redskaber/organisationen/"),
        ("Fokus på ledergruppen", "/redskaber/ledergruppen/"),
        ("Fokus på den enkelte leder", "/redskaber/den-enkelte-leder/"),
    ):
        assert f'<a href="{link}">{title}</a>' in html
    assert "Direktion, øverste ledelse, MED, HR eller andre organisatoriske nøgleaktører" in html
    assert "30–60 min" in html
    assert "Enkeltvis eller i kombination" in html


def test_the_tool_page_shows_introduction_preparation_steps_and_whole_deck(client):
    html = page(client, "/redskaber/organisationen/")
    assert "<h1>Fokus på organisationen</h1>" in html
    assert "Print (enkelt-sidet) og klip kortene med temaer/spørgsmål ud." in html
    assert "Tag en runde, hvor I hver især begrunder jeres valg af kort" in html
    assert html.count('<li class="card"') == 16
    assert "Forebygger, opfanger og handler vi på overbelastning hos lederne?" in html
    assert 'href="/redskaber/organisationen/kort.pdf"' in html
    assert 'href="/redskaber/organisationen/vejledning.pdf"' in html
    assert 'href="/redskaber/organisationen/handleplan-skabelon.pdf"' in html


def test_the_english_pages_are_english(client):
    html = page(client, "/en/redskaber/ledergruppen/")
    assert '<html lang="en">' in html
    assert "<h1>Focus on the leader group</h1>" in html
    assert "How to proceed" in html
    assert "Fremgangsmåde" not in html
    assert 'href="/en/redskaber/ledergruppen/kort.pdf"' in html


def test_the_language_switch_leads_to_the_same_page_in_the_other_language(client):
    assert 'href="/en/redskaber/den-enkelte-leder/" hreflang="en" lang="en">English</a>' in page(client, "/redskaber/den-enkelte-leder/")
    assert 'href="/redskaber/den-enkelte-leder/" hreflang="da" lang="da">Dansk</a>' in page(client, "/en/redskaber/den-enkelte-leder/")


def test_every_page_links_the_accessibility_statement_in_its_footer(client):
    for path in ("/", "/redskaber/organisationen/", "/en/"):
        footer = page(client, path).split('<footer class="site-footer">')[1]
        assert "Tilgængelighedserklæring" in footer or "Accessibility statement" in footer


def test_the_accessibility_statement_names_the_standard_and_a_way_to_complain(client):
    html = page(client, "/tilgaengelighed/")
    assert "<h1>Tilgængelighedserklæring</h1>" in html
    assert "WCAG" in html
    assert "Digitaliseringsstyrelsen" in html


def test_an_unknown_tool_gets_a_friendly_danish_404(client):
    response = client.get("/redskaber/findes-ikke/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Siden findes ikke" in html
    assert "Traceback" not in html
