"""Deletion requests (GDPR art. 17): a person asks, each of their organisations' administrators
is told by e-mail, and an administrator carries the request out for that organisation.

Carrying it out takes the person out of the organisation: their role, their place in its groups,
and every link from its dialogues, plans, invitations and audit log to their account. What the
group made together (plans, their history, the audit log's text) stays, without the link.
When the person has no role left anywhere, their account is deleted too.
"""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ledertrivsel.audit.log import record
from ledertrivsel.audit.models import AuditEvent
from ledertrivsel.dialogues.models import Dialogue
from ledertrivsel.organisations.access import is_last_administrator
from ledertrivsel.organisations.models import Group, Invitation, Membership
from ledertrivsel.plans.models import Action, ActionPlan, PlanChange

from .models import DeletionRequest


class DeletionRefused(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def open_requests(user):
    return DeletionRequest.objects.filter(person=user, handled_at__isnull=True).select_related("organisation")


def request_deletion(user, note: str = "") -> list[DeletionRequest]:
    """One request for each organisation the person belongs to that has none open yet."""
    waiting = set(open_requests(user).values_list("organisation_id", flat=True))
    memberships = Membership.objects.filter(user=user).exclude(organisation_id__in=waiting).select_related("organisation")
    made = []
    with transaction.atomic():
        for membership in memberships:
            made.append(
                DeletionRequest.objects.create(
                    organisation=membership.organisation, person=user, person_email=user.email, person_name=user.get_full_name(), note=note
                )
            )
            record(AuditEvent.Kind.DELETION_REQUESTED, organisation=membership.organisation, actor=user, subject=user.email)
    for request in made:
        _tell_administrators(request)
    return made


def _tell_administrators(request: DeletionRequest) -> None:
    administrators = Membership.objects.filter(organisation=request.organisation, role=Membership.Role.ADMINISTRATOR).select_related("user")
    recipients = sorted({m.user.email for m in administrators if m.user.email and m.user_id != request.person_id})
    if not recipients:
        return
    # Administrators have no language setting; mail goes out in the organisation's language, as reminders do.
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "deletion_request": request,
            "link": settings.SITE_URL.rstrip("/") + reverse("privacy:deletion_requests", args=[request.organisation_id]),
        }
        subject = _("Request for deletion of personal data in %(organisation)s") % {"organisation": request.organisation.name}
        body = render_to_string("privacy/email/deletion_requested.txt", context)
    send_mail(subject, body, None, recipients)


def refusal(request: DeletionRequest, by) -> str | None:
    """Why `by` cannot carry the request out now, or None."""
    if not request.is_open:
        return _("This request has already been carried out.")
    membership = Membership.objects.filter(user_id=request.person_id, organisation_id=request.organisation_id).first()
    if membership and is_last_administrator(membership):
        return _(
            "%(email)s is the organisation's only administrator. Make someone else administrator first; "
            "they can then carry out the deletion."
        ) % {"email": request.person_email}
    if request.person_id == by.pk:
        return _("Another administrator must carry out your own request, so that someone else answers for it.")
    return None


def carry_out(request: DeletionRequest, by) -> bool:
    """Deletes the person's data in the request's organisation; returns whether the account went too."""
    reason = refusal(request, by)
    if reason:
        raise DeletionRefused(reason)
    organisation = request.organisation
    account_deleted = False
    with transaction.atomic():
        person = request.person
        if person is not None:
            _unlink(person, organisation)
            Membership.objects.filter(user=person, organisation=organisation).delete()
            if not Membership.objects.filter(user=person).exists():
                person.delete()  # every other reference to the account is SET_NULL
                request.person, account_deleted = None, True
        # The address stays, as in the audit log, to show the request was answered; their name and words go.
        request.handled_at, request.handled_by, request.handled_by_label = timezone.now(), by, by.email
        request.person_name = request.note = ""
        request.save(update_fields=["handled_at", "handled_by", "handled_by_label", "person_name", "note"])
        record(AuditEvent.Kind.PERSON_DELETED, organisation=organisation, actor=by, subject=request.person_email, account_deleted=account_deleted)
    return account_deleted


def _unlink(person, organisation) -> None:
    """Every link from the organisation's records to the person, undone; the records stay."""
    for group in Group.objects.filter(organisation=organisation, members=person):
        group.members.remove(person)
    Group.objects.filter(organisation=organisation, chief=person).update(chief=None)
    Group.objects.filter(organisation=organisation, facilitator=person).update(facilitator=None)
    Dialogue.objects.filter(organisation=organisation, facilitator=person).update(facilitator=None)
    ActionPlan.objects.filter(organisation=organisation, created_by=person).update(created_by=None)
    PlanChange.objects.filter(plan__organisation=organisation, user=person).update(user=None)
    if person.email:
        # The responsible person's name stays as the plan's text; the address (and so reminders) goes.
        Action.objects.filter(card__plan__organisation=organisation, responsible_email__iexact=person.email).update(responsible_email="")
        Invitation.objects.filter(organisation=organisation, email__iexact=person.email).delete()
    Invitation.objects.filter(organisation=organisation, invited_by=person).update(invited_by=None)
    AuditEvent.objects.filter(organisation=organisation, actor=person).update(actor=None)
