import shutil

import pytest
from django.core.management import CommandError, call_command

from ledertrivsel.content.loader import DATA_DIR
from ledertrivsel.content.models import Card, Tool


@pytest.mark.django_db
def test_a_migrated_database_holds_the_three_tools():
    assert list(Tool.objects.values_list("number", "title_da")) == [
        (1, "Fokus på organisationen"),
        (2, "Fokus på ledergruppen"),
        (3, "Fokus på den enkelte leder"),
    ]
    assert Card.objects.filter(tool__number=1).count() == 16


@pytest.mark.django_db
def test_it_reports_what_it_loaded(capsys):
    call_command("load_tools")
    out = capsys.readouterr().out
    assert "1. Fokus på organisationen: 16 cards, 5 steps" in out


@pytest.mark.django_db
def test_it_fails_with_the_file_and_field_of_a_broken_file(tmp_path):
    shutil.copy(DATA_DIR / "1-organisationen.toml", tmp_path)
    path = tmp_path / "1-organisationen.toml"
    path.write_text(path.read_text(encoding="utf-8").replace("min_minutes = 30", "min_minutes = 0"), encoding="utf-8")
    with pytest.raises(CommandError, match=r"^1-organisationen.toml: time_frame.min_minutes: must be between 5 and 240$"):
        call_command("load_tools", data_dir=tmp_path)
