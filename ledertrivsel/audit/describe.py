"""Audit events as sentences in the reader's language."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ledertrivsel.organisations.models import Membership


def _role(value) -> str:
    return str(dict(Membership.Role.choices).get(value, value or "—"))


def _export_what(what: str) -> str:
    return {
        "summary": _("the summary of the dialogue"),
        "plan": _("the action plan"),
        "plans": _("the overview of action plans"),
        "personal_data": _("their own personal data"),
    }.get(what, what)


def describe(event) -> str:
    Kind = type(event).Kind
    d = event.details or {}
    subject = event.subject
    if event.kind == Kind.EXPORT:
        fmt = {"ics": _("calendar")}.get(d.get("format"), str(d.get("format", "")).upper())
        return _("Exported %(what)s “%(subject)s” as %(format)s") % {"what": _export_what(d.get("what", "")), "subject": subject, "format": fmt}
    if event.kind == Kind.INVITATION:
        return _("Invited %(email)s as %(role)s") % {"email": subject, "role": _role(d.get("role"))}
    if event.kind == Kind.ROLE_CHANGE:
        return _("Changed the role of %(email)s from %(old)s to %(new)s") % {
            "email": subject, "old": _role(d.get("old")), "new": _role(d.get("new"))
        }
    if event.kind == Kind.MEMBER_REMOVED:
        return _("Removed %(email)s from the organisation") % {"email": subject}
    if event.kind == Kind.SETTINGS_CHANGE and d.get("setting") == "dpo_contact":
        return _("Changed the data-protection officer from “%(old)s” to “%(new)s”") % {"old": d.get("old") or "–", "new": d.get("new") or "–"}
    if event.kind == Kind.SETTINGS_CHANGE:
        return _("Changed the retention period from %(old)s to %(new)s months") % {"old": d.get("old"), "new": d.get("new")}
    if event.kind == Kind.PERSONAL_DATA_EXPORT:
        return _("Downloaded their own personal data as %(format)s") % {"format": str(d.get("format", "")).upper()}
    if event.kind == Kind.DELETION_REQUESTED:
        return _("Asked for their personal data to be deleted")
    if event.kind == Kind.PERSON_DELETED:
        return _("Deleted the personal data of %(email)s") % {"email": subject}
    if event.kind == Kind.RETENTION_DELETION:
        parts = []
        if d.get("dialogues"):
            parts.append(ngettext("%(count)s dialogue older than %(months)s months", "%(count)s dialogues older than %(months)s months", d["dialogues"])
                         % {"count": d["dialogues"], "months": d.get("months")})
        if d.get("one_on_ones"):
            parts.append(ngettext("%(count)s 1-1 conversation older than %(months)s months", "%(count)s 1-1 conversations older than %(months)s months", d["one_on_ones"])
                         % {"count": d["one_on_ones"], "months": d.get("months")})
        if d.get("audit_events"):
            parts.append(ngettext("%(count)s audit log entry older than 5 years", "%(count)s audit log entries older than 5 years", d["audit_events"])
                         % {"count": d["audit_events"]})
        return _("Deleted after the retention period: %(what)s") % {"what": ", ".join(parts) or "–"}
    if event.kind == Kind.ONE_ON_ONE_READ:
        return _("Opened the 1-1 “%(subject)s”") % {"subject": subject}
    if event.kind == Kind.ACCESS_REFUSED:
        return _("Was refused access to %(subject)s") % {"subject": subject}
    return str(event.get_kind_display())
