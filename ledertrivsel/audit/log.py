"""Writing to the audit log. Every export, role change and read of a confidential record
calls `record` in the same request that does it."""

from .models import AuditEvent


def record(kind: str, *, organisation, actor=None, subject: str = "", **details) -> AuditEvent:
    actor = actor if getattr(actor, "is_authenticated", False) else None
    return AuditEvent.objects.create(
        organisation_id=organisation if isinstance(organisation, int) else organisation.pk,
        actor=actor,
        actor_label=(actor.email or actor.get_username()) if actor else "",
        kind=kind,
        subject=str(subject)[:254],
        details=details,
    )


def record_export(request, *, organisation, what: str, subject: str, format: str) -> AuditEvent:
    return record(AuditEvent.Kind.EXPORT, organisation=organisation, actor=request.user, subject=subject, what=what, format=format)
