"""A party's own copy of a 1-1: a PDF with the cards, the agreements, what may be shared, the
follow-up date and the party's OWN private notes (never the other's); and a calendar file with
the follow-up and the agreements' deadlines."""

import datetime

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer

from ledertrivsel.content.models import Tool
from ledertrivsel.lib.people import display_name
from ledertrivsel.printing.pdf import ExportFile, document_styles, escape, render_document, ruled_table

from .models import OneOnOne, Preparation

ICS_MIMETYPE = "text/calendar; charset=utf-8"


def _date(value) -> str:
    return date_format(value, "DATE_FORMAT") if value else "–"


def title(one_on_one: OneOnOne) -> str:
    return _("1-1 between %(chief)s and %(leader)s") % {"chief": display_name(one_on_one.chief), "leader": display_name(one_on_one.leader)}


def _filename(one_on_one: OneOnOne, extension: str) -> str:
    day = (one_on_one.planned_for or one_on_one.created_at.date()).isoformat()
    return f"1-1-{day}-{one_on_one.pk}.{extension}"


def _multiline(text: str) -> str:
    return escape(text).replace("\n", "<br/>")


def own_copy_pdf(one_on_one: OneOnOne, user, party: str) -> ExportFile:
    tool = Tool.objects.get(number=3)
    styles = document_styles(tool)
    cards = list(one_on_one.cards.select_related("card"))
    visible = [c for c in cards if c.chosen_by == "chief" or c.bring or party == "leader"]
    notes = Preparation.objects.filter(one_on_one=one_on_one, person=user).values_list("notes", flat=True).first() or ""
    width = 170 * mm
    story = [
        Paragraph(escape(_("Your copy")), styles["eyebrow"]),
        Paragraph(escape(title(one_on_one)), styles["h1"]),
        Paragraph(escape(_("Date of the conversation: %(date)s") % {"date": _date(one_on_one.planned_for or one_on_one.started_at)}), styles["lead"]),
        Paragraph(escape(_("Cards")), styles["h2"]),
    ]
    rows = [
        [Paragraph(escape(c.card.title), styles["label"]),
         Paragraph(escape(c.card.question) + "<br/><font size=8>" + escape(_by(c, party)) + "</font>", styles["cell"])]
        for c in visible
    ]
    story.append(ruled_table(rows, [55 * mm, width - 55 * mm]) if rows else Paragraph(escape(_("No cards chosen.")), styles["body"]))
    story.append(Paragraph(escape(_("Agreements")), styles["h2"]))
    agreements = list(one_on_one.agreements.all())
    if agreements:
        rows = [[Paragraph(escape(_("What")), styles["label"]), Paragraph(escape(_("Whose")), styles["label"]), Paragraph(escape(_("By when")), styles["label"])]]
        rows += [[Paragraph(escape(a.what), styles["cell"]), Paragraph(escape(a.get_owner_display()), styles["cell"]), Paragraph(escape(_date(a.due)), styles["cell"])] for a in agreements]
        story.append(ruled_table(rows, [100 * mm, 35 * mm, width - 135 * mm]))
    else:
        story.append(Paragraph(escape(_("No agreements recorded.")), styles["body"]))
    story += [
        Paragraph(escape(_("Follow-up")), styles["h2"]),
        Paragraph(escape(_date(one_on_one.follow_up_date)), styles["body"]),
        Paragraph(escape(_("What may be shared beyond the two of us")), styles["h2"]),
        Paragraph(_multiline(one_on_one.shareable) if one_on_one.shareable else escape(_("Nothing: everything stays between the two of us.")), styles["body"]),
    ]
    if notes:
        story += [
            Spacer(1, 4 * mm),
            Paragraph(escape(_("Your private notes")), styles["h2"]),
            Paragraph(escape(_("Only in your copy. No one else can read them.")), styles["small"]),
            Paragraph(_multiline(notes), styles["body"]),
        ]
    printed = _("Printed %(date)s") % {"date": _date(timezone.localdate())}
    confidential = _("Confidential")
    content = render_document(tool, story, title=title(one_on_one), footer=f"{confidential} · {printed}")
    return ExportFile(_filename(one_on_one, "pdf"), content)


def _by(chosen, party) -> str:
    if chosen.chosen_by == "chief":
        return _("The chief's card")
    return _("Your card") if party == "leader" else _("The leader's card")


def calendar(one_on_one: OneOnOne) -> ExportFile:
    """The follow-up date and each agreement's deadline as all-day events, marked PRIVATE
    (calendars are often shared with colleagues); no card or note is in them."""
    from icalendar import Calendar, Event

    cal = Calendar()
    cal.add("prodid", "-//Ledertrivsel//1-1//EN")
    cal.add("version", "2.0")
    cal.add("method", "PUBLISH")
    stamp = timezone.now().astimezone(datetime.timezone.utc).replace(microsecond=0)
    url = settings.SITE_URL + reverse("conversations:detail", args=[one_on_one.pk])
    day = datetime.timedelta(days=1)

    def event(uid, date, summary):
        item = Event()
        for key, value in (("uid", uid), ("dtstamp", stamp), ("dtstart", date), ("dtend", date + day), ("summary", summary),
                           ("url", url), ("transp", "TRANSPARENT"), ("class", "PRIVATE")):
            item.add(key, value)
        return item

    if one_on_one.follow_up_date:
        cal.add_component(event(f"one-on-one-{one_on_one.pk}-follow-up@ledertrivsel", one_on_one.follow_up_date,
                                _("Follow-up on our 1-1 (%(names)s)") % {"names": f"{display_name(one_on_one.chief)} · {display_name(one_on_one.leader)}"}))
    for agreement in one_on_one.agreements.all():
        if agreement.due:
            cal.add_component(event(f"one-on-one-agreement-{agreement.pk}@ledertrivsel", agreement.due,
                                    _("1-1 agreement due: %(what)s") % {"what": agreement.what}))
    return ExportFile(_filename(one_on_one, "ics"), cal.to_ical(), ICS_MIMETYPE)
