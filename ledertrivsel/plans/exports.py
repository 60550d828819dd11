"""An action plan as files to take away: PDF (in the toolkit's template), Word, CSV and a calendar.

Every function renders in the active language (Danish by default, English under /en/) and
returns a `printing.pdf.ExportFile`. The PDF follows `printing/plan_template.py`: one action
card per prioritised theme with the template's fields, and the concrete actions as a table.
"""

import csv
import datetime
import io

from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, Spacer, Table, TableStyle

from ledertrivsel.printing.pdf import LINE, MUTED, ExportFile, document_styles, escape, render_document, tool_colour

from .models import Action, ActionCard, ActionPlan
from .progress import follow_up

DOCX_MIMETYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
CSV_MIMETYPE = "text/csv; charset=utf-8"
ICS_MIMETYPE = "text/calendar; charset=utf-8"

# The template's colours: the label column and header row are shaded, the rule is the tool's.
SHADE = colors.HexColor("#f3f1ec")
LATE_HEX = "#a4281b"  # an overdue deadline
MUTED_HEX = "#" + MUTED.hexval()[2:]
SLUG_MAX = 60


# --- Shared -----------------------------------------------------------------------------------


def labelled(label: str, value) -> str:
    """"Label: value", as one line of an event's description or a document title."""
    return f"{label}: {value}"


def _date(value) -> str:
    return date_format(value, "DATE_FORMAT") if value else ""


def _cards(plan: ActionPlan) -> list[ActionCard]:
    return list(plan.cards.prefetch_related("actions"))


def _follow_up_text(card: ActionCard) -> str:
    """The template's "Follow-up (date and forum)" in one line."""
    return " · ".join(part for part in (_date(card.follow_up_date), card.follow_up_forum) if part)


def _card_fields_before(card: ActionCard) -> list[tuple[str, str]]:
    return [
        (_("Theme"), card.theme),
        (_("Why is it important? (current situation)"), card.why),
        (_("Desired effect / signs that it works"), card.desired_effect),
    ]


def _card_fields_after(card: ActionCard) -> list[tuple[str, str]]:
    return [
        (_("Involved"), card.involved),
        (_("Resources"), card.resources),
        (_("Follow-up (date and forum)"), _follow_up_text(card)),
    ]


def _action_headings() -> list[str]:
    return [pgettext("action plan", "Action"), _("Responsible"), _("Deadline"), _("Status")]


def filename(plan: ActionPlan, extension: str) -> str:
    """`handleplan-<title>.<extension>`: ASCII only, so it is safe in a Content-Disposition header.
    Danish letters are spelt out (æ → ae) rather than dropped, as Django's slugify would."""
    title = plan.title.translate(str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa"}))
    slug = slugify(title)[:SLUG_MAX].strip("-") or str(plan.pk)
    prefix = pgettext("filename", "action-plan")
    return f"{prefix}-{slug}.{extension}"


def plan_url(plan: ActionPlan) -> str:
    """The plan's page as a full address (SITE_URL + path), or "" while the page does not exist.
    Built without a request, so that cron jobs and downloaded files can carry it."""
    try:
        path = reverse("plans:detail", args=[plan.pk])
    except NoReverseMatch:
        return ""
    return settings.SITE_URL.rstrip("/") + path


def _created_and_updated(plan: ActionPlan) -> tuple[str, str]:
    return _date(timezone.localtime(plan.created_at)), _date(timezone.localtime(plan.updated_at))


# --- PDF ----------------------------------------------------------------------------------------


def plan_pdf(plan: ActionPlan) -> ExportFile:
    tool = plan.tool
    styles = document_styles(tool)
    colour = tool_colour(tool)
    cards = _cards(plan)
    actions = [action for card in cards for action in card.actions.all()]
    today = timezone.localdate()

    story = [
        Paragraph(escape(_("Action plan")), styles["eyebrow"]),
        Paragraph(escape(plan.title), styles["h1"]),
        Spacer(1, 1 * mm),
        _meta_table(plan, styles),
        Spacer(1, 3 * mm),
        Paragraph(escape(_progress_line(actions, today)), styles["small"]),
    ]
    for number, card in enumerate(cards, start=1):
        story.append(Spacer(1, 7 * mm))
        story.append(KeepTogether(_card_story(card, number, len(cards), styles, colour, today)))
    if not cards:
        story += [Spacer(1, 6 * mm), Paragraph(escape(_("The plan has no action cards yet.")), styles["body"])]

    printed = _("Printed %(date)s") % {"date": _date(today)}
    content = render_document(
        tool, story, title=labelled(_("Action plan"), plan.title), footer=f"{plan.title} · {plan.group.name} · {printed}"
    )
    return ExportFile(filename(plan, "pdf"), content)


def _progress_line(actions: list[Action], today: datetime.date) -> str:
    state = follow_up(actions, today)
    if not state.total:
        return _("No actions yet.")
    return _("%(done)s of %(total)s actions done · %(open)s open · %(overdue)s overdue") % {
        "done": len(state.done),
        "total": state.counted,
        "open": state.open_count,
        "overdue": len(state.overdue),
    }


def _meta_table(plan: ActionPlan, styles) -> Table:
    """The template's line of "Group / forum · … · Date", filled in: label above, value on the line."""
    created, updated = _created_and_updated(plan)
    labels = [_("Group / forum"), _("Tool"), _("Created"), _("Last changed")]
    values = [plan.group.name, plan.tool.title, created, updated]
    gap = 5 * mm
    cells = [[], []]
    for index, (label, value) in enumerate(zip(labels, values)):
        if index:
            cells[0].append("")
            cells[1].append("")
        cells[0].append(Paragraph(escape(label), styles["small"]))
        cells[1].append(Paragraph(escape(value), styles["label"]))
    widths = [None, gap, None, gap, 38 * mm, gap, 38 * mm]
    table = Table(cells, colWidths=widths)
    table.setStyle(
        TableStyle(
            [("LINEBELOW", (column, 1), (column, 1), 0.6, LINE) for column in (0, 2, 4, 6)]
            + [
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, 0), 1),
                ("BOTTOMPADDING", (0, 1), (-1, 1), 4),
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
            ]
        )
    )
    return table


def _card_story(card: ActionCard, number: int, count: int, styles, colour, today: datetime.date) -> list:
    return [
        Paragraph(escape(_("Action card %(number)s of %(count)s") % {"number": number, "count": count}), styles["eyebrow"]),
        _field_table(_card_fields_before(card), styles, colour, emphasise_first=True),
        Paragraph(escape(_("Concrete actions")), styles["h2"]),
        _actions_table(list(card.actions.all()), styles, colour, today),
        Spacer(1, 4 * mm),
        _field_table(_card_fields_after(card), styles, colour),
    ]


def _multiline(text: str) -> str:
    return escape(text).replace("\n", "<br/>")


def _field_table(fields, styles, colour, emphasise_first=False) -> Table:
    """The template's label column (shaded, with the tool's colour on the left) with the text filled in."""
    rows = []
    for index, (label, value) in enumerate(fields):
        if value:
            style = styles["label"] if emphasise_first and index == 0 else styles["cell"]
            text = Paragraph(_multiline(value), style)
        else:
            text = Paragraph("<i>%s</i>" % escape(_("Not filled in yet.")), styles["small"])
        rows.append([Paragraph(escape(label), styles["label"]), text])
    table = Table(rows, colWidths=[48 * mm, None])
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.6, LINE),
                ("BACKGROUND", (0, 0), (0, -1), SHADE),
                ("LINEBEFORE", (0, 0), (0, -1), 3, colour),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
            ]
        )
    )
    return table


def _actions_table(actions: list[Action], styles, colour, today: datetime.date) -> Table:
    rows = [[Paragraph(escape(heading), styles["label"]) for heading in _action_headings()]]
    commands = [
        ("GRID", (0, 0), (-1, -1), 0.6, LINE),
        ("BACKGROUND", (0, 0), (-1, 0), SHADE),
        ("LINEABOVE", (0, 0), (-1, 0), 3, colour),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
    ]
    for action in actions:
        responsible = escape(action.responsible)
        if action.responsible_email:
            responsible += f'<br/><font size="8" color="{MUTED_HEX}">{escape(action.responsible_email)}</font>'
        deadline = escape(_date(action.deadline)) or "–"
        if action.is_overdue(today):
            late = escape(_("overdue"))
            deadline = f'<font color="{LATE_HEX}"><b>{deadline}</b><br/>{late}</font>'
        status = escape(action.get_status_display())
        closed = not action.is_open
        description = _multiline(action.description)
        if action.status == Action.Status.DROPPED:
            description = f'<font color="{MUTED_HEX}"><strike>{description}</strike></font>'
        rows.append(
            [
                Paragraph(description, styles["cell"]),
                Paragraph(responsible or "–", styles["cell"]),
                Paragraph(deadline, styles["cell"]),
                Paragraph(f"<b>{status}</b>" if not closed else status, styles["cell"]),
            ]
        )
    if not actions:
        rows.append([Paragraph("<i>%s</i>" % escape(_("No actions yet.")), styles["small"]), "", "", ""])
        commands.append(("SPAN", (0, 1), (-1, 1)))
    table = Table(rows, colWidths=[None, 38 * mm, 34 * mm, 26 * mm], repeatRows=1)
    table.setStyle(TableStyle(commands))
    return table


# --- Word ---------------------------------------------------------------------------------------


def plan_docx(plan: ActionPlan) -> ExportFile:
    from docx import Document
    from docx.shared import Mm, Pt, RGBColor

    colour = RGBColor.from_string(tool_colour(plan.tool).hexval()[2:].upper())
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(20)
    section.top_margin = section.bottom_margin = Mm(20)
    document.styles["Normal"].font.size = Pt(10.5)
    for name in ("Title", "Heading 1", "Heading 2"):
        document.styles[name].font.color.rgb = colour

    properties = document.core_properties
    properties.title = plan.title
    properties.subject = _("Action plan")
    properties.author = _("Ledertrivsel")
    properties.language = get_language() or settings.LANGUAGE_CODE
    properties.created = plan.created_at
    properties.modified = plan.updated_at

    document.add_paragraph(_("Action plan"), style="Subtitle")
    document.add_heading(plan.title, level=0)
    created, updated = _created_and_updated(plan)
    for label, value in (
        (_("Group / forum"), plan.group.name),
        (_("Tool"), plan.tool.title),
        (_("Created"), created),
        (_("Last changed"), updated),
    ):
        paragraph = document.add_paragraph()
        paragraph.paragraph_format.space_after = Pt(0)
        paragraph.add_run(f"{label}: ").bold = True
        paragraph.add_run(value)

    cards = _cards(plan)
    for number, card in enumerate(cards, start=1):
        # The theme is the heading, so that Word's navigation pane lists the cards by theme.
        eyebrow = document.add_paragraph()
        eyebrow.paragraph_format.space_before = Pt(18)
        eyebrow.paragraph_format.space_after = Pt(0)
        eyebrow.paragraph_format.keep_with_next = True
        run = eyebrow.add_run(_("Action card %(number)s of %(count)s") % {"number": number, "count": len(cards)})
        run.bold, run.font.color.rgb, run.font.size = True, colour, Pt(9)
        heading = document.add_heading(card.theme, level=1)
        heading.paragraph_format.space_before = Pt(2)
        for label, value in _card_fields_before(card)[1:]:
            _docx_field(document, label, value)
        document.add_heading(_("Concrete actions"), level=2)
        _docx_actions(document, list(card.actions.all()))
        for label, value in _card_fields_after(card):
            _docx_field(document, label, value)
    if not cards:
        document.add_paragraph(_("The plan has no action cards yet."))

    buffer = io.BytesIO()
    document.save(buffer)
    return ExportFile(filename(plan, "docx"), buffer.getvalue(), DOCX_MIMETYPE)


def _docx_field(document, label: str, value: str) -> None:
    heading = document.add_paragraph()
    heading.paragraph_format.space_before = heading.paragraph_format.space_after = 0
    heading.paragraph_format.keep_with_next = True
    heading.add_run(label).bold = True
    paragraph = document.add_paragraph()
    if not value:
        paragraph.add_run(_("Not filled in yet.")).italic = True
        return
    run = paragraph.add_run()
    for index, line in enumerate(value.split("\n")):
        if index:
            run.add_break()
        run.add_text(line)


def _docx_actions(document, actions: list[Action]) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm

    if not actions:
        document.add_paragraph(_("No actions yet.")).runs[0].italic = True
        return
    table = document.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    header = table.rows[0]
    # Repeat the header row on every page, and let screen readers know it is one.
    properties = header._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    properties.append(repeat)
    for cell, heading in zip(header.cells, _action_headings()):
        cell.text = ""
        cell.paragraphs[0].add_run(heading).bold = True
        shading = OxmlElement("w:shd")
        shading.set(qn("w:val"), "clear")
        shading.set(qn("w:fill"), "F3F1EC")
        cell._tc.get_or_add_tcPr().append(shading)
    for action in actions:
        cells = table.add_row().cells
        cells[0].text = action.description
        cells[1].text = action.responsible
        cells[2].text = _date(action.deadline)
        cells[3].text = str(action.get_status_display())
    for row in table.rows:
        for cell, width in zip(row.cells, (Mm(80), Mm(40), Mm(28), Mm(22))):
            cell.width = width
    document.add_paragraph()


# --- CSV ----------------------------------------------------------------------------------------


def plan_csv(plan: ActionPlan) -> ExportFile:
    """One row per action (a card without actions still gets one), in Danish Excel's dialect
    as the dialogue summary: semicolons, UTF-8 with a byte-order mark."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(
        [
            _("Action plan"), _("Group"), _("Theme"), pgettext("action plan", "Action"), _("Responsible"),
            _("Deadline"), _("Status"), _("Follow-up date"), _("Follow-up forum"),
        ]
    )
    for card in _cards(plan):
        start = [plan.title, plan.group.name, card.theme]
        end = [card.follow_up_date.isoformat() if card.follow_up_date else "", card.follow_up_forum]
        actions = list(card.actions.all())
        for action in actions:
            writer.writerow(
                start
                + [
                    action.description, action.responsible, action.deadline.isoformat() if action.deadline else "",
                    action.get_status_display(),
                ]
                + end
            )
        if not actions:
            writer.writerow(start + ["", "", "", ""] + end)
    content = ("\ufeff" + buffer.getvalue()).encode("utf-8")
    return ExportFile(filename(plan, "csv"), content, CSV_MIMETYPE)


# --- Calendar -----------------------------------------------------------------------------------


def plan_ics(plan: ActionPlan) -> ExportFile:
    """An iCalendar file with an all-day event for each open action's deadline and each card's
    follow-up date. UIDs are stable, so importing the file again updates the events."""
    from icalendar import Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", "-//Ledertrivsel//Action plans//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", plan.title)
    stamp = timezone.now().astimezone(datetime.timezone.utc).replace(microsecond=0)
    url = plan_url(plan)
    day = datetime.timedelta(days=1)

    def event(uid: str, date: datetime.date, summary: str, description: str) -> Event:
        item = Event()
        item.add("uid", uid)
        item.add("dtstamp", stamp)
        item.add("dtstart", date)
        item.add("dtend", date + day)
        item.add("summary", summary)
        item.add("description", description)
        item.add("transp", "TRANSPARENT")  # a reminder, not a busy day
        if url:
            item.add("url", url)
        return item

    for card in _cards(plan):
        for action in card.actions.all():
            if action.deadline is None or not action.is_open:
                continue
            description = "\n".join(
                [
                    labelled(_("Theme"), card.theme),
                    labelled(_("Responsible"), action.responsible or "–"),
                    labelled(_("Status"), action.get_status_display()),
                    labelled(_("Action plan"), plan.title),
                ]
            )
            calendar.add_component(
                event(
                    f"action-{action.pk}-deadline@ledertrivsel", action.deadline,
                    _("Deadline: %(action)s") % {"action": action.description}, description,
                )
            )
        if card.follow_up_date:
            lines = [labelled(_("Follow-up forum"), card.follow_up_forum)] if card.follow_up_forum else []
            item = event(
                f"card-{card.pk}-follow-up@ledertrivsel", card.follow_up_date,
                _("Follow-up: %(theme)s") % {"theme": card.theme}, "\n".join(lines + [labelled(_("Action plan"), plan.title)]),
            )
            if card.follow_up_forum:
                item.add("location", card.follow_up_forum)
            calendar.add_component(item)
    return ExportFile(filename(plan, "ics"), calendar.to_ical(), ICS_MIMETYPE)
