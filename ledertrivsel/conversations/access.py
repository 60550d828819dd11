"""Who may open a 1-1: its two parties, and no one else — not an administrator, not HR,
not another chief, not a superuser. A refused attempt is written to the audit log (without
content), so the organisation can see that someone tried."""

from django.http import Http404

from ledertrivsel.audit.log import record
from ledertrivsel.audit.models import AuditEvent

from .models import OneOnOne


def one_on_one_for(request, one_on_one_id: int, *, log_read: bool = True) -> tuple[OneOnOne, str]:
    """The 1-1 and the caller's part in it ("chief" or "leader"); otherwise not found."""
    one_on_one = OneOnOne.objects.select_related("organisation", "chief", "leader", "group").filter(pk=one_on_one_id).first()
    if one_on_one is None:
        raise Http404
    party = one_on_one.party(request.user)
    if party is None:
        refuse(request, one_on_one)
    if log_read:
        record(AuditEvent.Kind.ONE_ON_ONE_READ, organisation=one_on_one.organisation_id, actor=request.user, subject=label(one_on_one))
    return one_on_one, party


def refuse(request, one_on_one: OneOnOne):
    record(
        AuditEvent.Kind.ACCESS_REFUSED, organisation=one_on_one.organisation_id, actor=request.user,
        subject=label(one_on_one), path=request.path[:200],
    )
    raise Http404


def label(one_on_one: OneOnOne) -> str:
    """How the audit log names a 1-1: its number and the two parties, never its content."""
    chief = one_on_one.chief.email if one_on_one.chief else "–"
    leader = one_on_one.leader.email if one_on_one.leader else "–"
    return f"#{one_on_one.pk}: {chief} · {leader}"
