"""Single sign-on through the organisation's OpenID Connect provider, beside password login.

The provider tells us who a person is; we decide whether they may come in. A person is their
e-mail address: an account with that address signs in, and a person without one gets an
account only if an organisation has invited that address. Everyone else is refused with a
message on the login page, and no account is made for them. Configured in settings.py
(SSO_ENABLED and the OIDC_* settings); how to register the app at a provider: docs/sso.md.
"""

import logging
from enum import Enum
from urllib.parse import urlencode

import jwt
import requests
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import SuspiciousOperation
from django.db import transaction
from django.db.models import Q
from django.http import HttpResponseRedirect
from django.urls import path, reverse
from django.utils import translation
from django.utils.translation import gettext as _
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from .invitations import accept, open_invitations_for

LOGGER = logging.getLogger(__name__)
# The language the person started in; the provider's callback comes back to one fixed address.
LANGUAGE_SESSION_KEY = "sso_language"


class Refusal(Enum):
    NOT_INVITED = "not_invited"
    EMAIL_UNVERIFIED = "email_unverified"
    NO_EMAIL = "no_email"
    AMBIGUOUS = "ambiguous"
    FAILED = "failed"


def provider_name() -> str:
    return getattr(settings, "OIDC_PROVIDER_NAME", "") or _("single sign-on (SSO)")


def refusal_message(refusal: Refusal) -> str:
    provider = provider_name()
    if refusal is Refusal.NOT_INVITED:
        return _("Your organisation has not given you access yet. Ask your HR administrator for an invitation.")
    if refusal is Refusal.EMAIL_UNVERIFIED:
        return _(
            "%(provider)s has not confirmed your e-mail address, so we cannot log you in with it. "
            "Ask your IT department to confirm it."
        ) % {"provider": provider}
    if refusal is Refusal.NO_EMAIL:
        return _(
            "%(provider)s did not tell us your e-mail address, so we cannot find your account. "
            "Ask your IT department to send the e-mail address when you log in."
        ) % {"provider": provider}
    if refusal is Refusal.AMBIGUOUS:
        return _("More than one account has your e-mail address. Ask your HR administrator for help.")
    return _("Logging in with %(provider)s did not work this time. Try again, or log in with your e-mail and password.") % {
        "provider": provider
    }


class SSOBackend(OIDCAuthenticationBackend):
    """Matches the provider's person to an account by e-mail, or to open invitations.

    A refusal is left on the request as `sso_refusal`, for the callback to explain."""

    def get_or_create_user(self, access_token, id_token, payload):
        claims = self.get_userinfo(access_token, id_token, payload)
        email = (claims.get("email") or "").strip().lower()
        if not email:
            return self._refuse(Refusal.NO_EMAIL)
        # Entra ID and others leave the claim out; only an explicit "no" is refused.
        if claims.get("email_verified") in (False, "false", "False"):
            return self._refuse(Refusal.EMAIL_UNVERIFIED)
        accounts = list(get_user_model().objects.filter(Q(username=email) | Q(email__iexact=email))[:2])
        if len(accounts) > 1:
            return self._refuse(Refusal.AMBIGUOUS)
        if accounts:
            return accounts[0] if accounts[0].is_active else self._refuse(Refusal.NOT_INVITED)
        invitations = list(open_invitations_for(email))
        if not invitations:
            return self._refuse(Refusal.NOT_INVITED)
        return self._create_invited(email, claims, invitations)

    def _create_invited(self, email, claims, invitations):
        first_name, last_name = _names(claims, invitations)
        with transaction.atomic():
            user = get_user_model()(username=email, email=email, first_name=first_name[:150], last_name=last_name[:150])
            user.set_unusable_password()  # they log in through the provider, or set one by "Forgotten your password?"
            user.save()
            for invitation in invitations:
                accept(invitation, user)
        for invitation in invitations:
            messages.success(self.request, _("Welcome to %(organisation)s. You are %(role)s.") % {
                "organisation": invitation.organisation.name, "role": invitation.get_role_display().lower()})
        return user

    def _refuse(self, refusal: Refusal):
        LOGGER.info("single sign-on refused: %s", refusal.value)
        self.request.sso_refusal = refusal
        return None


def _names(claims, invitations) -> tuple[str, str]:
    """The provider's name for the person; else the name the invitation gave them."""
    if claims.get("given_name") or claims.get("family_name"):
        return claims.get("given_name") or "", claims.get("family_name") or ""
    name = claims.get("name") or next((invitation.name for invitation in invitations if invitation.name), "")
    first_name, _space, last_name = name.strip().partition(" ")
    return first_name, last_name


class StartView(OIDCAuthenticationRequestView):
    """Sends the person to the provider, remembering the language they started in."""

    def get(self, request):
        request.session[LANGUAGE_SESSION_KEY] = translation.get_language()
        return super().get(request)


class CallbackView(OIDCAuthenticationCallbackView):
    """Where the provider sends the person back. A refusal or a failure ends on the login page with
    a message in the person's language, never on an error page."""

    def get(self, request):
        with translation.override(request.session.get(LANGUAGE_SESSION_KEY) or settings.LANGUAGE_CODE):
            try:
                return super().get(request)
            except (requests.RequestException, SuspiciousOperation, jwt.PyJWTError, ValueError, KeyError):
                # The provider unreachable, a token that does not verify, a stale or replayed link.
                LOGGER.warning("single sign-on failed", exc_info=True)
                return self.login_failure()

    def login_failure(self):
        refusal = getattr(self.request, "sso_refusal", Refusal.FAILED)
        messages.error(self.request, refusal_message(refusal))
        next_url = self.request.session.get("oidc_login_next")
        return HttpResponseRedirect(reverse("login") + (f"?{urlencode({'next': next_url})}" if next_url else ""))


# Both only when single sign-on is configured: the start under the language prefix (/sso/login/,
# /en/sso/login/), the callback at one address, as the provider has it registered.
start_urlpatterns = [path("sso/login/", StartView.as_view(), name="oidc_authentication_init")] if settings.SSO_ENABLED else []
callback_urlpatterns = [path("sso/callback/", CallbackView.as_view(), name="oidc_authentication_callback")] if settings.SSO_ENABLED else []
