"""Invitations: how a person gets a role in an organisation. The administrator invites by
e-mail; the link in the mail carries a token that only its hash in the database can match."""

import smtplib

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ledertrivsel.audit.log import record
from ledertrivsel.audit.models import AuditEvent
from ledertrivsel.lib.people import display_name

from .models import Invitation, Membership


def open_invitations_for(email: str):
    return Invitation.objects.filter(
        email__iexact=email.strip(), accepted_at__isnull=True, withdrawn_at__isnull=True, expires_at__gt=timezone.now()
    ).select_related("organisation", "unit")


def find_by_token(token: str) -> Invitation | None:
    return Invitation.objects.select_related("organisation", "unit", "invited_by").filter(token_hash=Invitation.hash_token(token)).first()


def invite(*, organisation, email: str, role: str, invited_by, name: str = "", unit=None) -> Invitation:
    """Makes the invitation, mails the link and writes the audit log. An open invitation to
    the same address is replaced, so only the newest link works."""
    token, token_hash = Invitation.new_token()
    with transaction.atomic():
        open_invitations_for(email).filter(organisation=organisation).update(withdrawn_at=timezone.now())
        invitation = Invitation.objects.create(
            organisation=organisation, email=email.strip().lower(), name=name, role=role, unit=unit,
            token_hash=token_hash, invited_by=invited_by, expires_at=timezone.now() + Invitation.VALID_FOR,
        )
        record(AuditEvent.Kind.INVITATION, organisation=organisation, actor=invited_by, subject=invitation.email, role=role)
    try:
        _send(invitation, token)
    except (smtplib.SMTPException, OSError) as error:
        # Without the mail the link reaches no one: keep nothing, and let the view say so.
        invitation.delete()
        raise InvitationNotSent from error
    return invitation


class InvitationNotSent(Exception):
    pass


def _send(invitation: Invitation, token: str):
    link = settings.SITE_URL + reverse("accept_invitation", args=[token])
    inviter = display_name(invitation.invited_by, missing="")
    context = {"invitation": invitation, "link": link, "inviter": inviter, "role": invitation.get_role_display()}
    subject = _("Invitation to Ledertrivsel from %(organisation)s") % {"organisation": invitation.organisation.name}
    body = render_to_string("organisations/email/invitation.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [invitation.email])


def accept(invitation: Invitation, user) -> Membership:
    """Gives `user` the invited role (and unit) in the organisation; a person who already has a
    role there gets the invited one instead."""
    with transaction.atomic():
        membership, created = Membership.objects.get_or_create(
            user=user, organisation=invitation.organisation, defaults={"role": invitation.role, "unit": invitation.unit}
        )
        if not created and (membership.role != invitation.role or (invitation.unit and membership.unit != invitation.unit)):
            if membership.role != invitation.role:
                record(
                    AuditEvent.Kind.ROLE_CHANGE, organisation=invitation.organisation, actor=user,
                    subject=user.email, old=membership.role, new=invitation.role, via="invitation",
                )
            membership.role = invitation.role
            membership.unit = invitation.unit or membership.unit
            membership.save(update_fields=["role", "unit"])
        invitation.accepted_at = timezone.now()
        invitation.save(update_fields=["accepted_at"])
    return membership
