from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language, get_language_info


def language_switch(request):
    """Links to the same page in each other language, for the header's switch."""
    current = get_language()
    return {
        "other_languages": [
            {
                "code": code,
                "name": get_language_info(code)["name_local"],
                "url": translate_url(request.get_full_path(), code),
            }
            for code, _name in settings.LANGUAGES
            if code != current
        ]
    }
