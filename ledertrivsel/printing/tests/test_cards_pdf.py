"""The printable deck: every card readable in the PDF, æ/ø/å intact, 8 cards a page."""

import io
import re

import pytest
from django.utils import translation
from pypdf import PdfReader

from ledertrivsel.content.models import Tool
from ledertrivsel.printing.cards import render_cards

pytestmark = pytest.mark.django_db


def normalised(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def pdf_pages(content: bytes) -> list[str]:
    return [normalised(page.extract_text()) for page in PdfReader(io.BytesIO(content)).pages]


@pytest.mark.parametrize("number", [1, 2, 3])
def test_every_card_title_and_question_is_printed(number):
    tool = Tool.objects.get(number=number)
    text = " ".join(pdf_pages(render_cards(tool).content))
    for card in tool.cards.all():
        assert normalised(card.title_da) in text
        assert normalised(card.question_da) in text


def test_tool_1_prints_on_two_pages_of_eight_cards():
    tool = Tool.objects.get(number=1)
    pages = pdf_pages(render_cards(tool).content)
    assert len(pages) == 2
    assert "Klæder vi nye ledere tilstrækkeligt på til deres opgave?" in pages[0]
    assert "Samarbejde i ledergrupperne" in pages[0]
    assert "Samarbejdet på tværs" in pages[1]
    assert "Har vi tilstrækkeligt fokus på at anerkende lederne for deres indsats og resultater?" in pages[1]


def test_pages_carry_the_kits_header_and_footer():
    pages = pdf_pages(render_cards(Tool.objects.get(number=1)).content)
    for number, page in enumerate(pages, start=1):
        assert "LEDERTRIVSEL: Fokus på organisationen" in page
        assert f"16 kort til dialogredskab. Print og klip ud. Side {number} af 2" in page


def test_the_page_is_a4_portrait():
    reader = PdfReader(io.BytesIO(render_cards(Tool.objects.get(number=1)).content))
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)


def test_danish_letters_survive_extraction():
    text = " ".join(pdf_pages(render_cards(Tool.objects.get(number=1)).content))
    for word in ("Mål", "Mødestrukturer", "Sygefravær", "hånd", "tværs"):
        assert word in text


def test_the_english_deck_is_english():
    tool = Tool.objects.get(number=1)
    with translation.override("en"):
        pdf = render_cards(tool)
    text = " ".join(pdf_pages(pdf.content))
    assert "Do we equip new leaders well enough for their task?" in text
    assert "16 cards for the dialogue tool. Print and cut out. Page 1 of 2" in text
    assert "cards.pdf" in pdf.filename


def test_the_file_is_named_for_the_tool():
    assert render_cards(Tool.objects.get(number=2)).filename == "ledertrivsel-2-ledergruppen-kort.pdf"
