"""Everything stored about one person, for "Mine data" (GDPR art. 15 and 20): shown as a page,
downloaded as JSON (complete, machine-readable) and as PDF (readable).

Only the person's own data: of a dialogue they facilitated it gives the title, dates and how
many took part, never who said what; of an invitation they sent, not whom it went to.
"""

import datetime
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from ledertrivsel.audit.models import AuditEvent
from ledertrivsel.dialogues.models import Dialogue
from ledertrivsel.lib.people import display_name
from ledertrivsel.organisations.models import Group, Invitation, Membership
from ledertrivsel.plans.models import Action, ActionPlan, PlanChange
from ledertrivsel.printing.pdf import ExportFile, document_styles, escape, render_document, ruled_table

from .models import DeletionRequest

JSON_MIMETYPE = "application/json; charset=utf-8"
FORMAT_NAME = "ledertrivsel-personal-data/1"


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    show: Callable[[Any], str] | None = None  # how a stored value reads, e.g. a role's code as its name


@dataclass
class Section:
    key: str
    title: str
    explanation: str
    columns: list[Column]
    rows: list[dict] = field(default_factory=list)

    def display_rows(self) -> list[list[tuple[str, str]]]:
        """Each row as (label, value) pairs, in the reader's language."""
        return [[(column.label, _display(row.get(column.key), column)) for column in self.columns] for row in self.rows]

    def json_rows(self) -> list[dict]:
        return [{key: _json_value(value) for key, value in row.items()} for row in self.rows]


def _display(value, column: Column) -> str:
    if column.show is not None and value not in (None, ""):
        return str(column.show(value))
    if value is None or value == "":
        return "–"
    if isinstance(value, datetime.datetime):
        return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT")
    if isinstance(value, datetime.date):
        return formats.date_format(value, "DATE_FORMAT")
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    return str(value)


def _json_value(value):
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    return value


def _choice(choices) -> Callable[[Any], str]:
    labels = dict(choices)
    return lambda value: labels.get(value, value)


GROUP_PARTS = {
    "member": gettext_lazy("member"),
    "chief": gettext_lazy("chief"),
    "facilitator": gettext_lazy("facilitator"),
}


def collect(user) -> list[Section]:
    return [
        _account(user), _memberships(user), _groups(user), _dialogues(user), _plans(user), _plan_changes(user),
        _actions(user), _one_on_ones(user), _invitations(user), _invitations_sent(user), _audit_events(user), _deletion_requests(user),
    ]


def _account(user) -> Section:
    return Section(
        "account", _("Your account"), _("What you log in with and what others see of you."),
        [Column("name", _("Name")), Column("email", _("E-mail")), Column("date_joined", _("Created")), Column("last_login", _("Last logged in"))],
        [{"name": user.get_full_name(), "email": user.email, "date_joined": user.date_joined, "last_login": user.last_login}],
    )


def _memberships(user) -> Section:
    rows = [
        {"organisation": m.organisation.name, "role": m.role, "unit": m.unit.name if m.unit else None, "since": m.created_at}
        for m in Membership.objects.filter(user=user).select_related("organisation", "unit").order_by("organisation__name")
    ]
    return Section(
        "memberships", _("Organisations, roles and units"), _("Your role decides what you may see and do in each organisation."),
        [Column("organisation", _("Organisation")), Column("role", _("Role"), _choice(Membership.Role.choices)),
         Column("unit", _("Unit")), Column("since", _("Since"))],
        rows,
    )


def _groups(user) -> Section:
    groups = (
        Group.objects.filter(Q(members=user) | Q(chief=user) | Q(facilitator=user)).distinct()
        .select_related("organisation").prefetch_related("members").order_by("organisation__name", "name")
    )
    rows = []
    for group in groups:
        parts = [part for part, holds in (("member", user in group.members.all()), ("chief", group.chief_id == user.pk),
                                          ("facilitator", group.facilitator_id == user.pk)) if holds]
        rows.append({"organisation": group.organisation.name, "group": group.name, "kind": group.kind, "as": parts})
    return Section(
        "groups", _("Groups"), _("The groups you belong to, lead or facilitate."),
        [Column("organisation", _("Organisation")), Column("group", _("Group")),
         Column("kind", _("Kind of group"), _choice(Group.Kind.choices)),
         Column("as", _("You are"), lambda parts: ", ".join(str(GROUP_PARTS[part]) for part in parts))],
        rows,
    )


def _dialogues(user) -> Section:
    dialogues = (
        Dialogue.objects.filter(facilitator=user).select_related("organisation", "group", "tool")
        .annotate(participant_count=Count("participants")).order_by("-created_at")
    )
    rows = [
        {"organisation": d.organisation.name, "title": d.title, "tool": d.tool.title, "group": d.group.name if d.group else None,
         "held": d.created_at, "ended": d.ended_at, "participants": d.participant_count}
        for d in dialogues
    ]
    return Section(
        "dialogues", _("Dialogues you facilitated"),
        _("What the participants chose and said is theirs and is not included; the dialogues are deleted after the organisation's retention period."),
        [Column("organisation", _("Organisation")), Column("title", _("Title")), Column("tool", _("Tool")), Column("group", _("Group")),
         Column("held", _("Held")), Column("ended", _("Ended")), Column("participants", _("Participants"))],
        rows,
    )


def _one_on_ones(user) -> Section:
    """A person's 1-1s: both parties' shared record, and only this person's own private notes."""
    from ledertrivsel.conversations.models import OneOnOne, Preparation

    one_on_ones = (
        OneOnOne.objects.filter(Q(chief=user) | Q(leader=user)).select_related("organisation", "chief", "leader")
        .prefetch_related("cards__card", "agreements").order_by("-created_at")
    )
    notes = dict(Preparation.objects.filter(person=user).values_list("one_on_one_id", "notes"))
    rows = []
    for item in one_on_ones:
        other = item.leader if item.chief_id == user.pk else item.chief
        rows.append({
            "organisation": item.organisation.name, "with": display_name(other, missing=None),
            "date": item.planned_for or item.created_at.date(), "stage": item.stage,
            "cards": ", ".join(c.card.title for c in item.cards.all() if c.chosen_by == item.party(user) or c.bring),
            "agreements": "; ".join(a.what for a in item.agreements.all()), "follow_up": item.follow_up_date,
            "shareable": item.shareable, "your_notes": notes.get(item.pk, ""),
        })
    return Section(
        "one_on_ones", _("Your 1-1 conversations"),
        _("The record the two of you share, and your own private notes, which no one else can read. The other person's notes are theirs."),
        [Column("organisation", _("Organisation")), Column("with", _("With")), Column("date", _("Date")),
         Column("stage", _("Stage"), _choice(OneOnOne.Stage.choices)), Column("cards", _("Cards")), Column("agreements", _("Agreements")),
         Column("follow_up", _("Follow-up")), Column("shareable", _("May be shared beyond the two of us")), Column("your_notes", _("Your private notes"))],
        rows,
    )


def _plans(user) -> Section:
    plans = ActionPlan.objects.filter(created_by=user).select_related("organisation", "group").order_by("-created_at")
    rows = [{"organisation": p.organisation.name, "title": p.title, "group": p.group.name, "created": p.created_at} for p in plans]
    return Section(
        "plans", _("Action plans you created"), _("The plans belong to their groups; here is only that you created them."),
        [Column("organisation", _("Organisation")), Column("title", _("Title")), Column("group", _("Group")), Column("created", _("Created"))],
        rows,
    )


def _plan_changes(user) -> Section:
    changes = PlanChange.objects.filter(user=user).select_related("plan").order_by("-at", "-id")
    rows = [{"plan": c.plan.title, "at": c.at, "what": c.what, "subject": c.subject, "details": c.details} for c in changes]
    return Section(
        "plan_changes", _("Changes you made to action plans"), _("Each change in a plan's history that is in your name."),
        [Column("plan", _("Action plan")), Column("at", _("When")), Column("what", _("What"), _choice(PlanChange.What.choices)),
         Column("subject", _("Theme or action"))],
        rows,
    )


def _actions(user) -> Section:
    actions = (
        Action.objects.filter(responsible_email__iexact=user.email).exclude(responsible_email="")
        .select_related("card__plan").order_by("deadline", "id")
    ) if user.email else Action.objects.none()
    rows = [
        {"plan": a.card.plan.title, "theme": a.card.theme, "action": a.description, "responsible": a.responsible,
         "deadline": a.deadline, "status": a.status}
        for a in actions
    ]
    return Section(
        "actions", _("Actions you are responsible for"), _("Actions in action plans that carry your e-mail address; reminders go to it."),
        [Column("plan", _("Action plan")), Column("theme", _("Theme")), Column("action", _("Action")),
         Column("deadline", _("Deadline")), Column("status", _("Status"), _choice(Action.Status.choices))],
        rows,
    )


def _invitations(user) -> Section:
    invitations = Invitation.objects.filter(email__iexact=user.email).select_related("organisation") if user.email else Invitation.objects.none()
    rows = [
        {"organisation": i.organisation.name, "role": i.role, "name": i.name, "sent": i.created_at, "accepted": i.accepted_at, "withdrawn": i.withdrawn_at}
        for i in invitations
    ]
    return Section(
        "invitations", _("Invitations to you"), _("Only a fingerprint (hash) of each invitation link is stored, never the link itself."),
        [Column("organisation", _("Organisation")), Column("role", _("Role"), _choice(Membership.Role.choices)),
         Column("sent", _("Sent")), Column("accepted", _("Accepted")), Column("withdrawn", _("Withdrawn"))],
        rows,
    )


def _invitations_sent(user) -> Section:
    invitations = Invitation.objects.filter(invited_by=user).select_related("organisation")
    rows = [{"organisation": i.organisation.name, "role": i.role, "sent": i.created_at} for i in invitations]
    return Section(
        "invitations_sent", _("Invitations you sent"), _("Whom you invited is their data, so it is not included here."),
        [Column("organisation", _("Organisation")), Column("role", _("Role"), _choice(Membership.Role.choices)), Column("sent", _("Sent"))],
        rows,
    )


def _audit_events(user) -> Section:
    events = AuditEvent.objects.filter(actor=user).select_related("organisation")
    rows = [
        {"organisation": e.organisation.name, "at": e.created_at, "kind": e.kind, "description": e.describe()}
        for e in events
    ]
    return Section(
        "audit_events", _("Entries in the audit log"),
        _("What you exported or changed, as the organisation's audit log records it: who, what and when, never the content."),
        [Column("organisation", _("Organisation")), Column("at", _("When")), Column("description", _("What"))],
        rows,
    )


def _deletion_requests(user) -> Section:
    requests = DeletionRequest.objects.filter(person=user).select_related("organisation")
    rows = [{"organisation": r.organisation.name, "asked": r.created_at, "note": r.note, "handled": r.handled_at} for r in requests]
    return Section(
        "deletion_requests", _("Your requests for deletion"), _("When you asked to have your data deleted, and when it was done."),
        [Column("organisation", _("Organisation")), Column("asked", _("Asked")), Column("note", _("Note")), Column("handled", _("Carried out"))],
        rows,
    )


# --- Files --------------------------------------------------------------------------------


def as_json(user, sections: list[Section]) -> ExportFile:
    data = {
        "format": FORMAT_NAME,
        "exported_at": timezone.now().isoformat(),
        **{section.key: section.json_rows() for section in sections},
    }
    data["account"] = data["account"][0]
    content = json.dumps(data, ensure_ascii=False, indent=2).encode()
    return ExportFile(_filename("json"), content, JSON_MIMETYPE)


@dataclass(frozen=True)
class _Letterhead:
    """What the shared page furniture reads of a tool: a colour (by number) and a title."""

    title: str
    number: int = 1


def as_pdf(user, sections: list[Section]) -> ExportFile:
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, Spacer

    letterhead = _Letterhead(_("Personal data"))
    styles = document_styles(letterhead)
    name = display_name(user)
    today = formats.date_format(timezone.localdate(), "DATE_FORMAT")
    story = [
        Paragraph(escape(_("Personal data")), styles["eyebrow"]),
        Paragraph(escape(name), styles["h1"]),
        Paragraph(escape(_("Everything Ledertrivsel stores about you, as of %(date)s.") % {"date": today}), styles["lead"]),
    ]
    for section in sections:
        story += [Paragraph(escape(section.title), styles["h2"]), Paragraph(escape(section.explanation), styles["small"]), Spacer(1, 2 * mm)]
        if not section.rows:
            story.append(Paragraph("<i>%s</i>" % escape(_("Nothing stored.")), styles["body"]))
            continue
        for pairs in section.display_rows():
            rows = [[Paragraph(escape(label), styles["label"]), Paragraph(escape(value), styles["cell"])] for label, value in pairs]
            story += [ruled_table(rows, [45 * mm, None]), Spacer(1, 3 * mm)]
    content = render_document(
        letterhead, story, title=_("Personal data about %(name)s") % {"name": name},
        footer=_("Personal data · %(name)s · printed %(date)s") % {"name": name, "date": today},
    )
    return ExportFile(_filename("pdf"), content)


def _filename(extension: str) -> str:
    return f"{pgettext('filename', 'my-data')}-{timezone.localdate().isoformat()}.{extension}"
