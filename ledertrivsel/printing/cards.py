"""The printable deck: A4 portrait, single-sided, 8 cards a page in a 2x4 grid with dashed cut lines."""

from math import ceil

from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph

from .pdf import BOLD, INK, LINE, MARGIN, MUTED, REGULAR, ExportFile, escape, header_text, new_buffer, tool_colour

COLUMNS, ROWS = 2, 4
CARDS_PER_PAGE = COLUMNS * ROWS
PAGE_WIDTH, PAGE_HEIGHT = A4
GRID_TOP = PAGE_HEIGHT - 22 * mm
GRID_BOTTOM = 18 * mm
CARD_WIDTH = (PAGE_WIDTH - 2 * MARGIN) / COLUMNS
CARD_HEIGHT = (GRID_TOP - GRID_BOTTOM) / ROWS
CARD_PADDING = 7 * mm


def footer_text(card_count: int, page: int, pages: int) -> str:
    return _("%(count)s cards for the dialogue tool. Print and cut out. Page %(page)s of %(pages)s") % {
        "count": card_count,
        "page": page,
        "pages": pages,
    }


def render_cards(tool) -> ExportFile:
    cards = list(tool.cards.all())
    pages = max(1, ceil(len(cards) / CARDS_PER_PAGE))
    buffer = new_buffer()
    pdf = Canvas(buffer, pagesize=A4, pageCompression=1)
    pdf.setTitle(header_text(tool))
    pdf.setAuthor(_("Ledertrivsel"))
    pdf.setSubject(_("Cards for printing"))
    styles = _card_styles(tool)
    for page in range(pages):
        _draw_page_furniture(pdf, tool, len(cards), page + 1, pages)
        for slot, card in enumerate(cards[page * CARDS_PER_PAGE : (page + 1) * CARDS_PER_PAGE]):
            _draw_card(pdf, tool, card, slot, styles)
        pdf.showPage()
    pdf.save()
    document_name = pgettext("filename", "cards")
    filename = f"ledertrivsel-{tool.number}-{tool.slug}-{document_name}.pdf"
    return ExportFile(filename, buffer.getvalue())


def _card_styles(tool) -> dict[str, ParagraphStyle]:
    colour = tool_colour(tool)
    return {
        "label": ParagraphStyle("label", fontName=BOLD, fontSize=7, leading=9, textColor=colour, alignment=TA_CENTER),
        "title": ParagraphStyle("title", fontName=BOLD, fontSize=15, leading=18.5, textColor=INK, alignment=TA_CENTER),
        "question": ParagraphStyle("question", fontName=REGULAR, fontSize=11, leading=14.6, textColor=INK, alignment=TA_CENTER),
    }


def _draw_page_furniture(pdf: Canvas, tool, card_count: int, page: int, pages: int):
    pdf.setFillColor(tool_colour(tool))
    pdf.setFont(BOLD, 12)
    pdf.drawString(MARGIN, PAGE_HEIGHT - 14 * mm, header_text(tool))
    pdf.setFillColor(MUTED)
    pdf.setFont(REGULAR, 9)
    pdf.drawCentredString(PAGE_WIDTH / 2, 9 * mm, footer_text(card_count, page, pages))
    # Dashed cut lines along every edge of the grid, so each card is cut out on its own.
    pdf.setStrokeColor(LINE)
    pdf.setLineWidth(0.6)
    pdf.setDash(4, 3)
    for column in range(COLUMNS + 1):
        x = MARGIN + column * CARD_WIDTH
        pdf.line(x, GRID_BOTTOM - 4 * mm, x, GRID_TOP + 4 * mm)
    for row in range(ROWS + 1):
        y = GRID_BOTTOM + row * CARD_HEIGHT
        pdf.line(MARGIN - 4 * mm, y, PAGE_WIDTH - MARGIN + 4 * mm, y)
    pdf.setDash()


def _draw_card(pdf: Canvas, tool, card, slot: int, styles):
    column, row = slot % COLUMNS, slot // COLUMNS
    left = MARGIN + column * CARD_WIDTH
    top = GRID_TOP - row * CARD_HEIGHT
    inner_width = CARD_WIDTH - 2 * CARD_PADDING

    label = Paragraph(escape(_("LEADER WELL-BEING · %(title)s") % {"title": tool.title}), styles["label"])
    _width, label_height = label.wrap(inner_width, CARD_HEIGHT)
    label.drawOn(pdf, left + CARD_PADDING, top - 5 * mm - label_height)
    pdf.setStrokeColor(tool_colour(tool))
    pdf.setLineWidth(1.4)
    rule_y = top - 5 * mm - label_height - 2.2 * mm
    pdf.line(left + CARD_WIDTH / 2 - 9 * mm, rule_y, left + CARD_WIDTH / 2 + 9 * mm, rule_y)

    title = Paragraph(escape(card.title), styles["title"])
    question = Paragraph(escape(card.question), styles["question"])
    _width, title_height = title.wrap(inner_width, CARD_HEIGHT)
    _width, question_height = question.wrap(inner_width, CARD_HEIGHT)
    gap = 3.5 * mm
    # Centre title and question together in the space below the label.
    space_top = rule_y - 2 * mm
    space_bottom = top - CARD_HEIGHT + 4 * mm
    block = title_height + gap + question_height
    block_top = space_bottom + (space_top - space_bottom + block) / 2
    title.drawOn(pdf, left + CARD_PADDING, block_top - title_height)
    question.drawOn(pdf, left + CARD_PADDING, block_top - title_height - gap - question_height)

