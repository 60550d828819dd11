"""What every printed document shares: fonts that carry æ/ø/å, colours, page furniture.

The fonts are Bitstream Vera, shipped inside reportlab itself, so printing needs
nothing beyond pip and embeds its fonts (print shops and PDF readers show the same).
"""

import io
from dataclasses import dataclass
from pathlib import Path

import reportlab
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

REGULAR = "Ledertrivsel-Regular"
BOLD = "Ledertrivsel-Bold"
ITALIC = "Ledertrivsel-Italic"

INK = colors.HexColor("#1b2a33")
MUTED = colors.HexColor("#475760")
LINE = colors.HexColor("#9aa4a9")
TOOL_COLOURS = {1: "#0f5c66", 2: "#6b3d7a", 3: "#8a4b14"}


@dataclass(frozen=True)
class ExportFile:
    """One rendered file (PDF, CSV, ...), in the shape every exporter returns."""

    filename: str
    content: bytes
    mimetype: str = "application/pdf"


def register_fonts():
    if REGULAR in pdfmetrics.getRegisteredFontNames():
        return
    font_dir = Path(reportlab.__file__).parent / "fonts"
    pdfmetrics.registerFont(TTFont(REGULAR, font_dir / "Vera.ttf"))
    pdfmetrics.registerFont(TTFont(BOLD, font_dir / "VeraBd.ttf"))
    pdfmetrics.registerFont(TTFont(ITALIC, font_dir / "VeraIt.ttf"))
    pdfmetrics.registerFontFamily(REGULAR, normal=REGULAR, bold=BOLD, italic=ITALIC, boldItalic=BOLD)


def tool_colour(tool) -> colors.Color:
    return colors.HexColor(TOOL_COLOURS.get(tool.number, "#0f5c66"))


def header_text(tool) -> str:
    """The line at the top of every printed page, as on the paper kit."""
    from django.utils.translation import gettext as _

    return _("LEADER WELL-BEING: %(title)s") % {"title": tool.title}


def new_buffer() -> io.BytesIO:
    register_fonts()
    return io.BytesIO()


MARGIN = 12 * mm


def page_count_canvas(draw_furniture):
    """A canvas class that knows the page count before it draws headers and footers.

    Platypus lays pages out one at a time, so "page i of k" needs the pages held
    back until the end; `draw_furniture(canvas, page, pages)` then draws each.
    """
    from reportlab.pdfgen.canvas import Canvas

    class PageCountCanvas(Canvas):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._held_pages = []

        def showPage(self):
            self._held_pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            pages = len(self._held_pages)
            for number, state in enumerate(self._held_pages, start=1):
                self.__dict__.update(state)
                draw_furniture(self, number, pages)
                super().showPage()
            super().save()

    return PageCountCanvas


def escape(text: str) -> str:
    """Plain text made safe for reportlab's paragraph markup."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def document_styles(tool):
    from reportlab.lib.styles import ParagraphStyle

    register_fonts()  # paragraphs look their fonts up as soon as they are made
    colour = tool_colour(tool)
    return {
        "eyebrow": ParagraphStyle("eyebrow", fontName=BOLD, fontSize=9, leading=12, textColor=colour, spaceAfter=2),
        "h1": ParagraphStyle("h1", fontName=BOLD, fontSize=22, leading=27, textColor=INK, spaceAfter=6),
        "h2": ParagraphStyle("h2", fontName=BOLD, fontSize=13.5, leading=17, textColor=colour, spaceBefore=12, spaceAfter=6),
        "lead": ParagraphStyle("lead", fontName=REGULAR, fontSize=12, leading=16, textColor=MUTED, spaceAfter=8),
        "body": ParagraphStyle("body", fontName=REGULAR, fontSize=10, leading=14, textColor=INK, spaceAfter=4),
        "small": ParagraphStyle("small", fontName=REGULAR, fontSize=8.5, leading=11.5, textColor=MUTED),
        "label": ParagraphStyle("label", fontName=BOLD, fontSize=9.5, leading=12.5, textColor=INK),
        "cell": ParagraphStyle("cell", fontName=REGULAR, fontSize=9.5, leading=12.5, textColor=INK),
        "white": ParagraphStyle("white", fontName=BOLD, fontSize=12, leading=14, textColor=colors.white, alignment=1),
    }


def render_document(tool, story, *, title: str, footer: str, pagesize=None) -> bytes:
    """Lays out a story on A4 with the tool's header and "footer · page i of k" on each page."""
    from django.utils.translation import gettext as _
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import SimpleDocTemplate

    pagesize = pagesize or A4
    header = header_text(tool)
    colour = tool_colour(tool)

    def draw_furniture(canvas, page, pages):
        width, height = pagesize
        canvas.saveState()
        canvas.setFillColor(colour)
        canvas.setFont(BOLD, 10.5)
        canvas.drawString(MARGIN + 4 * mm, height - 13 * mm, header)
        canvas.setStrokeColor(colour)
        canvas.setLineWidth(1.2)
        canvas.line(MARGIN + 4 * mm, height - 15.5 * mm, width - MARGIN - 4 * mm, height - 15.5 * mm)
        canvas.setFillColor(MUTED)
        canvas.setFont(REGULAR, 8.5)
        page_text = _("Page %(page)s of %(pages)s") % {"page": page, "pages": pages}
        canvas.drawString(MARGIN + 4 * mm, 10 * mm, footer)
        canvas.drawRightString(width - MARGIN - 4 * mm, 10 * mm, page_text)
        canvas.restoreState()

    buffer = new_buffer()
    document = SimpleDocTemplate(
        buffer,
        pagesize=pagesize,
        leftMargin=MARGIN + 4 * mm,
        rightMargin=MARGIN + 4 * mm,
        topMargin=24 * mm,
        bottomMargin=20 * mm,
        title=f"{header} · {title}",
        author=_("Ledertrivsel"),
        subject=title,
    )
    document.build(story, canvasmaker=page_count_canvas(draw_furniture))
    return buffer.getvalue()


def ruled_table(rows, widths):
    """A plain table of label and text rows with a thin rule under each, as guides and summaries use."""
    from reportlab.platypus import Table, TableStyle

    table = Table(rows, colWidths=widths)
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.4, LINE),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
            ]
        )
    )
    return table
