"""Keep the gettext catalogues in step with the code: `python scripts/translations.py`.

1. makemessages for Danish and English (needs GNU gettext's xgettext);
2. the English catalogue gets msgstr = msgid, since our msgids are English and
   Django would otherwise fall back to the Danish default for them;
3. both catalogues are compiled to .mo with polib (pure Python), so running
   the app needs no gettext tools. The .mo files are committed.
Translate the new Danish entries in ledertrivsel/locale/da/LC_MESSAGES/django.po
and run the script again.
"""

import os
import subprocess
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "ledertrivsel" / "locale"


def catalogue(language: str) -> Path:
    return LOCALE / language / "LC_MESSAGES" / "django.po"


def make_messages():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "ledertrivsel.settings"}
    subprocess.run(
        [sys.executable, "-m", "django", "makemessages", "-l", "da", "-l", "en", "--no-location", "--no-obsolete"],
        cwd=ROOT / "ledertrivsel",
        env=env,
        check=True,
    )


def fill_english():
    po = polib.pofile(str(catalogue("en")))
    for entry in po:
        if entry.msgid_plural:
            entry.msgstr_plural = {0: entry.msgid, 1: entry.msgid_plural}
        else:
            entry.msgstr = entry.msgid
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
    po.save()


def compile_all():
    for language in ("da", "en"):
        po = polib.pofile(str(catalogue(language)))
        po.metadata_is_fuzzy = False
        po.metadata.update(
            {
                "Project-Id-Version": "Ledertrivsel",
                "Language": language,
                "Content-Type": "text/plain; charset=UTF-8",
                "Plural-Forms": "nplurals=2; plural=(n != 1);",
            }
        )
        po.save()
        po.save_as_mofile(str(catalogue(language).with_suffix(".mo")))
        untranslated = po.untranslated_entries() + po.fuzzy_entries()
        for entry in untranslated:
            print(f"{language}: not translated: {entry.msgid!r}")


if __name__ == "__main__":
    if "--compile-only" not in sys.argv:
        make_messages()
        fill_english()
    compile_all()
