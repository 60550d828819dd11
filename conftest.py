"""Settings for every test run."""


def pytest_configure(config):
    from pathlib import Path

    from django.conf import settings

    Path(settings.STATIC_ROOT).mkdir(parents=True, exist_ok=True)  # whitenoise warns when it is missing

    # Tests render pages without running collectstatic first, so the hashed
    # manifest that production uses does not exist; plain static URLs are fine.
    # Test users are made by the hundred; the production hasher is slow on purpose.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def _danish_by_default():
    """Every test starts in Danish, as a fresh request does: a test that switched to English
    (a request under /en/, translation.override) must not leave the next one in English."""
    from django.utils import translation

    translation.activate("da")
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _no_attempts_counted():
    """Every test starts with an empty cache: join attempts counted by one test (the fuzz
    tests post hundreds of wrong codes) must not lock the next one out."""
    from django.core.cache import cache

    cache.clear()
