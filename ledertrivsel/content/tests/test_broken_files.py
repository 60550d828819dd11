"""A broken data file fails at load with a message that names the file and the field."""

import shutil

import pytest

from ledertrivsel.content.loader import DATA_DIR, load_tools, read_tool_files
from ledertrivsel.content.models import Card, Tool
from ledertrivsel.content.schema import ContentError


@pytest.fixture
def data_dir(tmp_path):
    for path in DATA_DIR.glob("*.toml"):
        shutil.copy(path, tmp_path / path.name)
    return tmp_path


def edit(data_dir, name, old, new, count=1):
    path = data_dir / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def error_for(data_dir) -> str:
    with pytest.raises(ContentError) as raised:
        read_tool_files(data_dir)
    return str(raised.value)


def test_it_names_file_and_field_of_a_missing_translation(data_dir):
    edit(data_dir, "1-organisationen.toml", ', en = "Do we equip new leaders well enough for their task?"', "")
    assert error_for(data_dir) == "1-organisationen.toml: cards[0].question.en: is missing"


def test_it_names_file_and_field_of_an_empty_text(data_dir):
    edit(data_dir, "2-ledergruppen.toml", 'title = { da = "Fokus på ledergruppen"', 'title = { da = "  "')
    assert error_for(data_dir) == "2-ledergruppen.toml: title.da: must not be empty"


def test_it_refuses_a_duplicate_card_key(data_dir):
    edit(data_dir, "1-organisationen.toml", 'key = "maal"', 'key = "onboarding"')
    assert error_for(data_dir) == "1-organisationen.toml: cards[1].key: 'onboarding' is already used by cards[0]"


def test_it_refuses_a_key_with_letters_outside_a_to_z(data_dir):
    edit(data_dir, "1-organisationen.toml", 'key = "maal"', 'key = "mål"')
    assert error_for(data_dir).startswith("1-organisationen.toml: cards[1].key: may hold only lowercase letters")


def test_it_refuses_a_question_too_long_for_a_printed_card(data_dir):
    edit(data_dir, "1-organisationen.toml", "Klæder vi nye ledere", "Klæder vi nye ledere " + "meget " * 30)
    assert "1-organisationen.toml: cards[0].question.da: is " in error_for(data_dir)


def test_it_refuses_a_time_frame_that_ends_before_it_starts(data_dir):
    edit(data_dir, "1-organisationen.toml", "max_minutes = 60", "max_minutes = 20")
    assert error_for(data_dir) == "1-organisationen.toml: time_frame.max_minutes: must not be less than min_minutes"


def test_it_refuses_a_number_that_is_not_a_number(data_dir):
    edit(data_dir, "3-den-enkelte-leder.toml", "number = 3", 'number = "tre"')
    assert error_for(data_dir) == "3-den-enkelte-leder.toml: number: must be a whole number"


def test_it_refuses_an_unknown_field(data_dir):
    edit(data_dir, "1-organisationen.toml", 'key = "maal"', 'key = "maal"\ncolour = "red"')
    assert error_for(data_dir).startswith("1-organisationen.toml: cards[1].colour: unknown field")


def test_it_refuses_two_tools_with_the_same_number(data_dir):
    edit(data_dir, "3-den-enkelte-leder.toml", "number = 3", "number = 2")
    assert error_for(data_dir) == "3-den-enkelte-leder.toml: number: 2 is already used by 2-ledergruppen.toml"


def test_it_reports_a_toml_syntax_error_with_the_file(data_dir):
    edit(data_dir, "2-ledergruppen.toml", "number = 2", "number = = 2")
    assert error_for(data_dir).startswith("2-ledergruppen.toml: not valid TOML:")


def test_it_refuses_a_plain_http_source(data_dir):
    edit(data_dir, "1-organisationen.toml", 'url = "https://lederestrivsel.dk"', 'url = "http://lederestrivsel.dk"')
    assert error_for(data_dir) == "1-organisationen.toml: sources[2].url: must start with https://"


@pytest.mark.django_db
def test_a_broken_file_changes_nothing_in_the_database(data_dir):
    before = list(Card.objects.values_list("tool__number", "key", "question_da"))
    edit(data_dir, "1-organisationen.toml", "Klæder vi nye ledere", "Ændret spørgsmål om nye ledere")
    edit(data_dir, "3-den-enkelte-leder.toml", "number = 3", 'number = "tre"')
    with pytest.raises(ContentError):
        load_tools(data_dir)
    assert list(Card.objects.values_list("tool__number", "key", "question_da")) == before


@pytest.mark.django_db
def test_reloading_an_edited_question_keeps_the_card(data_dir):
    card = Card.objects.get(tool__number=1, key="onboarding")
    edit(data_dir, "1-organisationen.toml", "Klæder vi nye ledere", "Klæder vi alle nye ledere")
    load_tools(data_dir)
    card.refresh_from_db()
    assert card.question_da == "Klæder vi alle nye ledere tilstrækkeligt på til deres opgave?"
    assert Tool.objects.count() == 3
