"""The facilitator guide: what the tovholder needs on one or two sheets of paper."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, Spacer, Table, TableStyle

from .pdf import LINE, ExportFile, document_styles, escape, render_document, ruled_table, tool_colour


def render_guide(tool) -> ExportFile:
    styles = document_styles(tool)
    steps = list(tool.steps.all())
    cards = list(tool.cards.all())
    story = [
        Paragraph(escape(_("Dialogue tool %(number)s") % {"number": tool.number}), styles["eyebrow"]),
        Paragraph(escape(_("Facilitator guide: %(title)s") % {"title": tool.title}), styles["h1"]),
        Paragraph(escape(tool.focus), styles["lead"]),
        Paragraph(escape(tool.introduction), styles["body"]),
        Spacer(1, 4 * mm),
        _facts_table(tool, len(cards), styles),
        Paragraph(escape(_("How to proceed")), styles["h2"]),
        _steps_table(tool, steps, styles),
        Paragraph(escape(_("The cards")), styles["h2"]),
        _cards_table(cards, styles),
        Paragraph(escape(_("Sources")), styles["h2"]),
    ]
    story += [Paragraph(f"• {escape(source.citation)}", styles["body"]) for source in tool.sources.all()]
    content = render_document(tool, story, title=_("Facilitator guide"), footer=_("Facilitator guide"))
    document_name = pgettext("filename", "facilitator-guide")
    filename = f"ledertrivsel-{tool.number}-{tool.slug}-{document_name}.pdf"
    return ExportFile(filename, content)


def _facts_table(tool, card_count: int, styles) -> Table:
    rows = [
        (_("Time frame"), _("%(min)s–%(max)s min") % {"min": tool.min_minutes, "max": tool.max_minutes}),
        (_("Participants"), tool.audience),
        (_("Preparation"), tool.preparation),
        (
            _("Materials"),
            ngettext(
                "%(count)s card (print the card PDF single-sided and cut out) and the action-plan template",
                "%(count)s cards (print the card PDF single-sided and cut out) and the action-plan template",
                card_count,
            )
            % {"count": card_count},
        ),
    ]
    table = Table(
        [[Paragraph(escape(label), styles["label"]), Paragraph(escape(value), styles["cell"])] for label, value in rows],
        colWidths=[32 * mm, None],
    )
    table.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor("#f3f1ec")),
                ("LINEBELOW", (0, 0), (-1, -2), 0.5, colors.white),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
                ("LEFTPADDING", (0, 0), (-1, -1), 7),
            ]
        )
    )
    return table


def _steps_table(tool, steps, styles) -> Table:
    rows = [
        [
            Paragraph(str(step.number), styles["white"]),
            [Paragraph(escape(step.title), styles["label"]), Paragraph(escape(step.text), styles["cell"])],
        ]
        for step in steps
    ]
    table = Table(rows, colWidths=[9 * mm, None])
    style = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("BACKGROUND", (0, 0), (0, -1), tool_colour(tool)),
        ("LINEBELOW", (0, 0), (-1, -1), 0.5, LINE),
        ("TOPPADDING", (0, 0), (-1, -1), 6),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 7),
        ("LEFTPADDING", (1, 0), (1, -1), 8),
    ]
    table.setStyle(TableStyle(style))
    return table


def _cards_table(cards, styles):
    rows = [
        [Paragraph(escape(card.title), styles["label"]), Paragraph(escape(card.question), styles["cell"])]
        for card in cards
    ]
    table = ruled_table(rows, [45 * mm, None])
    return KeepTogether([table]) if len(cards) <= 8 else table
