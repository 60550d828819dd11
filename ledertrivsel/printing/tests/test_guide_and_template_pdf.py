import io
import re

import pytest
from django.utils import translation
from pypdf import PdfReader

from ledertrivsel.content.models import Tool
from ledertrivsel.printing.guide import render_guide
from ledertrivsel.printing.plan_template import render_plan_template

pytestmark = pytest.mark.django_db


def text_of(content: bytes) -> str:
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages))


def page_count(content: bytes) -> int:
    return len(PdfReader(io.BytesIO(content)).pages)


@pytest.mark.parametrize("number", [1, 2, 3])
def test_the_guide_holds_time_frame_participants_preparation_and_steps(number):
    tool = Tool.objects.get(number=number)
    text = text_of(render_guide(tool).content)
    assert f"Facilitatorguide: {tool.title_da}" in text
    assert f"{tool.min_minutes}–{tool.max_minutes} min" in text
    assert re.sub(r"\s+", " ", tool.audience_da) in text
    assert re.sub(r"\s+", " ", tool.preparation_da) in text
    for step in tool.steps.all():
        assert step.title_da in text
        assert re.sub(r"\s+", " ", step.text_da) in text


def test_the_guide_numbers_its_pages():
    content = render_guide(Tool.objects.get(number=1)).content
    pages = page_count(content)
    assert f"Side {pages} af {pages}" in text_of(content)


@pytest.mark.parametrize("number", [1, 2])
def test_the_template_has_every_field_of_an_action_card(number):
    text = text_of(render_plan_template(Tool.objects.get(number=number)).content)
    for field in (
        "Tema",
        "Hvorfor er det vigtigt? (nu-situation)",
        "Ønsket effekt / tegn på at det virker",
        "Konkrete handlinger",
        "Handling",
        "Ansvarlig",
        "Involverede",
        "Ressourcer",
        "Tidsfrist",
        "Opfølgning (dato og forum)",
        "Status: ikke startet · i gang · gennemført · droppet",
        "LEDERTRIVSEL: ",
    ):
        assert field in text, field


def test_the_1_1_template_says_whose_action_it_is():
    text = text_of(render_plan_template(Tool.objects.get(number=3)).content)
    assert "Hvis (leder / chef / organisation)" in text
    assert "Leder" in text and "Chef" in text


def test_the_template_in_english():
    with translation.override("en"):
        text = text_of(render_plan_template(Tool.objects.get(number=1)).content)
    assert "Why is it important? (current situation)" in text
    assert "Follow-up (date and forum)" in text
