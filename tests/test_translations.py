"""Danish is the default and English is complete: every string in the code is in both catalogues."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

LOCALE = Path(__file__).resolve().parent.parent / "ledertrivsel" / "locale"
PLACEHOLDER = re.compile(r"%\(\w+\)s")


def catalogue(language: str) -> polib.POFile:
    return polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))


def translations(entry: polib.POEntry) -> list[str]:
    return list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]


@pytest.mark.parametrize("language", ["da", "en"])
def test_every_string_is_translated(language):
    po = catalogue(language)
    assert len(po) > 50
    assert [entry.msgid for entry in po.untranslated_entries()] == []
    assert [entry.msgid for entry in po.fuzzy_entries()] == []


@pytest.mark.parametrize("language", ["da", "en"])
def test_translations_keep_their_placeholders(language):
    for entry in catalogue(language):
        expected = sorted(PLACEHOLDER.findall(entry.msgid_plural or entry.msgid))
        for text in translations(entry):
            assert sorted(PLACEHOLDER.findall(text)) == expected or not entry.msgid_plural, entry.msgid
            if not entry.msgid_plural:
                assert sorted(PLACEHOLDER.findall(text)) == expected, entry.msgid


@pytest.mark.parametrize("language", ["da", "en"])
def test_the_compiled_catalogue_is_up_to_date(language, tmp_path):
    compiled = tmp_path / "django.mo"
    catalogue(language).save_as_mofile(str(compiled))
    committed = LOCALE / language / "LC_MESSAGES" / "django.mo"
    assert compiled.read_bytes() == committed.read_bytes(), "run `make translations` and commit the .mo files"


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="GNU gettext (xgettext) is not installed")
def test_the_catalogues_hold_every_string_in_the_code(tmp_path):
    source = Path(__file__).resolve().parent.parent / "ledertrivsel"
    copy = tmp_path / "ledertrivsel"
    shutil.copytree(source, copy, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    subprocess.run(
        [sys.executable, "-m", "django", "makemessages", "-l", "da", "--no-location", "--no-obsolete"],
        cwd=copy,
        env={"DJANGO_SETTINGS_MODULE": "ledertrivsel.settings", "PATH": "/usr/bin:/bin", "LEDERTRIVSEL_VAR_DIR": str(tmp_path / "var")},
        check=True,
        capture_output=True,
    )
    extracted = {(entry.msgctxt, entry.msgid) for entry in polib.pofile(str(copy / "locale/da/LC_MESSAGES/django.po"))}
    committed = {(entry.msgctxt, entry.msgid) for entry in catalogue("da")}
    assert extracted - committed == set(), "strings missing from the catalogue: run `make translations`"
