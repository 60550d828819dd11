"""A real OpenID Connect provider (django-oidc-provider) for the single sign-on tests only.

It runs in a process of its own on 127.0.0.1, on an SQLite file the test chooses, and plays the
part of an organisation's identity provider (KMD Nexus, Microsoft Entra ID ...)."""

import os
from pathlib import Path

SECRET_KEY = "only-for-the-test-provider"
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1"]
INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "oidc_provider",
]
MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
]
ROOT_URLCONF = "tests.sso.provider.urls"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [Path(__file__).parent / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {"context_processors": ["django.template.context_processors.request"]},
    }
]
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": os.environ.get("PROVIDER_DATABASE", ":memory:")}}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
USE_TZ = True
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

LOGIN_URL = "/login/"
# The app under test runs on the same host (another port) and browsers share cookies across
# ports: the provider's cookies need names of their own, or each would log the other out.
SESSION_COOKIE_NAME = "provider_session"
CSRF_COOKIE_NAME = "provider_csrftoken"

SITE_URL = os.environ.get("PROVIDER_URL", "http://127.0.0.1:8001")  # the issuer in its tokens
OIDC_USERINFO = "tests.sso.provider.claims.userinfo"
