"""Content fields stored once per language, read in the active language."""

from django.utils.translation import get_language

CONTENT_LANGUAGES = ("da", "en")


def active_content_language() -> str:
    language = (get_language() or "da").split("-")[0]
    return language if language in CONTENT_LANGUAGES else "da"


class Translated:
    """`title = Translated()` reads `title_da` or `title_en` for the active language.

    Danish is the source text, so it is the fallback when a translation is empty.
    """

    def __set_name__(self, owner, name):
        self.name = name

    def __get__(self, obj, owner=None):
        if obj is None:
            return self
        value = getattr(obj, f"{self.name}_{active_content_language()}", "")
        return value or getattr(obj, f"{self.name}_da")
