"""The blank action-plan template: one action card (handlekort) per prioritised theme."""

from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

from .pdf import LINE, ExportFile, document_styles, escape, render_document, tool_colour

ACTION_ROWS = 5


def action_statuses() -> list[str]:
    return [_("not started"), _("in progress"), _("done"), _("dropped")]


def action_owners() -> list[str]:
    """In a 1-1 every action says whose it is to do."""
    return [_("leader"), _("chief"), _("organisation")]


def render_plan_template(tool) -> ExportFile:
    styles = document_styles(tool)
    colour = tool_colour(tool)
    story = [
        Paragraph(escape(_("Action plan")), styles["eyebrow"]),
        Paragraph(escape(_("Action card")), styles["h1"]),
        Paragraph(
            escape(_("Fill in one action card for each prioritised theme (1-3). Copy the page as needed.")),
            styles["body"],
        ),
        Spacer(1, 2 * mm),
        _meta_table(tool, styles),
        Spacer(1, 4 * mm),
        _field_table(
            [
                (_("Theme"), 11 * mm),
                (_("Why is it important? (current situation)"), 24 * mm),
                (_("Desired effect / signs that it works"), 24 * mm),
            ],
            styles,
            colour,
        ),
        Spacer(1, 4 * mm),
        Paragraph(escape(_("Concrete actions")), styles["h2"]),
        _actions_table(tool, styles, colour),
        Paragraph(
            escape(_("Status: %(statuses)s") % {"statuses": " · ".join(action_statuses())}),
            styles["small"],
        ),
        Spacer(1, 4 * mm),
        _field_table(
            [
                (_("Involved"), 13 * mm),
                (_("Resources"), 13 * mm),
                (_("Follow-up (date and forum)"), 13 * mm),
            ],
            styles,
            colour,
        ),
    ]
    content = render_document(tool, story, title=_("Action-plan template"), footer=_("Action-plan template"))
    document_name = pgettext("filename", "action-plan-template")
    filename = f"ledertrivsel-{tool.number}-{tool.slug}-{document_name}.pdf"
    return ExportFile(filename, content)


def _meta_table(tool, styles) -> Table:
    if tool.format == "one_to_one":
        labels = [_("Leader"), _("Chief"), _("Date")]
    else:
        labels = [_("Group / forum"), _("Facilitator"), _("Date")]
    # A line to write on under each label, with a gap between the three.
    gap = 6 * mm
    cells = [Paragraph(escape(labels[0]), styles["label"]), "", Paragraph(escape(labels[1]), styles["label"]), "",
             Paragraph(escape(labels[2]), styles["label"])]
    table = Table([cells, [""] * 5], colWidths=[None, gap, None, gap, 40 * mm], rowHeights=[None, 9 * mm])
    table.setStyle(
        TableStyle(
            [("LINEBELOW", (column, 1), (column, 1), 0.6, LINE) for column in (0, 2, 4)]
            + [("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0)]
        )
    )
    return table


def _field_table(fields, styles, colour) -> Table:
    table = Table(
        [[Paragraph(escape(label), styles["label"]), ""] for label, _height in fields],
        colWidths=[48 * mm, None],
        rowHeights=[height for _label, height in fields],
    )
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.6, LINE),
                ("BACKGROUND", (0, 0), (0, -1), colors.HexColor("#f3f1ec")),
                ("LINEBEFORE", (0, 0), (0, -1), 3, colour),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 5),
            ]
        )
    )
    return table


def _actions_table(tool, styles, colour) -> Table:
    headings = [pgettext("action plan", "Action"), _("Responsible"), _("Deadline"), _("Status")]
    widths = [None, 36 * mm, 24 * mm, 24 * mm]
    if tool.format == "one_to_one":
        headings.insert(1, _("Whose (%(owners)s)") % {"owners": " / ".join(action_owners())})
        widths = [None, 34 * mm, 30 * mm, 22 * mm, 22 * mm]
    rows = [[Paragraph(escape(heading), styles["label"]) for heading in headings]]
    rows += [[""] * len(headings) for _row in range(ACTION_ROWS)]
    table = Table(rows, colWidths=widths, rowHeights=[None] + [10 * mm] * ACTION_ROWS, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.6, LINE),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#f3f1ec")),
                ("LINEABOVE", (0, 0), (-1, 0), 3, colour),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return table
