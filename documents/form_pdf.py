"""Printed forms drawn cell by cell on a reportlab canvas: each row is a list of cells of fixed widths,
every text is broken into lines that fit its cell (at the last space, else anywhere, as Japanese
breaks) and a row is as tall as its fullest cell, so no text can leave its box or meet another. A box
of fixed height (the 施工体系図) shrinks its text until it fits. Rows that do not fit the page go on
the next one, under the heads repeated. Drawing straight on the canvas costs a few microseconds a
cell, where platypus tables cost about a millisecond."""

import functools
import io

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from documents.pdfs import FONT

FONT_NAME = "IPAexGothic-form"
SIZE, MIN_SIZE, PAD = 7.0, 4.5, 1.6
GRID = colors.HexColor("#333333")
SHADE = colors.HexColor("#eeeeee")
MARGIN = 12 * mm
LANDSCAPE = landscape(A4)


def font():
    """The IPAex Gothic shipped in static/, registered once per process."""
    if FONT_NAME not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(FONT_NAME, str(FONT)))
    return FONT_NAME


@functools.lru_cache(maxsize=16384)
def _unit_width(char):
    return pdfmetrics.stringWidth(char, FONT_NAME, 1.0)


def wrap(text, width, size=SIZE):
    """`text` as lines no wider than `width` points at `size`."""
    limit = width / size
    out = []
    for part in str(text).split("\n"):
        line, used = "", 0.0
        for char in part:
            w = _unit_width(char)
            if used + w > limit and line:
                cut = line.rfind(" ") if char != " " else -1
                if cut > 0:
                    out.append(line[:cut])
                    line = line[cut + 1 :]
                else:
                    out.append(line)
                    line = ""
                line = (line + char).lstrip(" ")
                used = sum(_unit_width(c) for c in line)
            else:
                line += char
                used += w
        out.append(line)
    return out


def fit(text, width, height, size=SIZE):
    """(lines, size): `text` wrapped to `width`, shrunk until its lines fit `height` (down to MIN_SIZE,
    then cut with 「…」 so it still stays in its box)."""
    while True:
        lines = wrap(text, width, size)
        if len(lines) * size * 1.2 <= height or size <= MIN_SIZE:
            break
        size = max(MIN_SIZE, size - 0.5)
    keep = max(1, int(height // (size * 1.2)))
    if len(lines) > keep:
        lines = lines[: keep - 1] + [lines[keep - 1][:-1] + "…"]
    return lines, size


class Cell:
    __slots__ = ("text", "width", "shade", "align")

    def __init__(self, text, width_mm, shade=False, align="left"):
        self.text, self.width, self.shade, self.align = "" if text is None else str(text), width_mm * mm, shade, align


def L(text, width_mm):
    """A label cell, shaded as on the printed form."""
    return Cell(text, width_mm, shade=True)


def V(text, width_mm, align="left"):
    """A value cell."""
    return Cell(text, width_mm, align=align)


class FormDocument:
    """A form drawn page by page: title, rows of cells, notes; heads repeated on each new page."""

    def __init__(self, title, form_name="", pagesize=LANDSCAPE):
        font()
        self.out = io.BytesIO()
        self.c = canvas.Canvas(self.out, pagesize=pagesize, pageCompression=1)
        self.c.setTitle(title)
        self.width, self.height = pagesize
        self.title, self.form_name = title, form_name
        self.heads = []
        self.page = 0
        self._new_page()

    def _new_page(self):
        if self.page:
            self.c.showPage()
        self.page += 1
        self.y = self.height - MARGIN
        self._header()

    new_page = _new_page

    def _header(self):
        self.c.setFont(FONT_NAME, 13)
        self.c.drawCentredString(self.width / 2, self.y - 13, self.title)
        self.c.setFont(FONT_NAME, 7)
        if self.form_name:
            self.c.drawString(MARGIN, self.y - 10, self.form_name)
        self.c.drawRightString(self.width - MARGIN, self.y - 10, f"{self.page}")
        self.y -= 20
        for row in self.heads:
            self._draw(row)

    def repeat(self, *rows):
        """Rows drawn now and again at the top of every following page (column heads)."""
        self.heads = list(rows)
        for row in rows:
            self.row(row)

    def end_repeat(self):
        self.heads = []

    @staticmethod
    def _layout(cells):
        laid, tallest = [], 0
        for cell in cells:
            lines = wrap(cell.text, cell.width - 2 * PAD)
            laid.append(lines)
            tallest = max(tallest, len(lines))
        return laid, tallest * SIZE * 1.2 + 2 * PAD

    def _draw(self, row, laid=None):
        cells = row
        if laid is None:
            laid, height = self._layout(cells)
        else:
            laid, height = laid
        x, top = MARGIN, self.y
        c = self.c
        c.setLineWidth(0.5)
        c.setStrokeColor(GRID)
        text = c.beginText()  # one text object for the row: a few operators per line
        text.setFont(FONT_NAME, SIZE, SIZE * 1.2)
        for cell, lines in zip(cells, laid):
            if cell.shade:
                c.setFillColor(SHADE)
                c.rect(x, top - height, cell.width, height, stroke=1, fill=1)
                c.setFillColor(colors.black)
            else:
                c.rect(x, top - height, cell.width, height, stroke=1, fill=0)
            y = top - PAD - SIZE
            for line in lines:
                if line:
                    lx = x + (cell.width - _unit_width_of(line)) / 2 if cell.align == "center" else x + PAD
                    text.setTextOrigin(lx, y)
                    text.textOut(line)
                y -= SIZE * 1.2
            x += cell.width
        c.drawText(text)
        self.y = top - height

    def row(self, cells):
        laid = self._layout(cells)
        if self.y - laid[1] < MARGIN:
            self._new_page()
        self._draw(cells, laid)

    def space(self, gap_mm=2):
        self.y -= gap_mm * mm
        if self.y < MARGIN + 10 * mm:
            self._new_page()

    def heading(self, text):
        if self.y - 14 < MARGIN + 10 * mm:
            self._new_page()
        self.c.setFont(FONT_NAME, 9)
        self.c.drawString(MARGIN, self.y - 10, text)
        self.y -= 14

    def note(self, text, width_mm=None):
        width = (width_mm * mm) if width_mm else self.width - 2 * MARGIN
        for line in wrap(text, width, 7):
            if self.y - 9 < MARGIN:
                self._new_page()
            self.c.setFont(FONT_NAME, 7)
            self.c.drawString(MARGIN, self.y - 8, line)
            self.y -= 9

    def box(self, x, top, width, height, text, shade=False):
        """A box of fixed size at (x, top) in points whose text shrinks until it fits."""
        c = self.c
        c.setLineWidth(0.6)
        c.setStrokeColor(GRID)
        c.setFillColor(SHADE if shade else colors.white)
        c.rect(x, top - height, width, height, stroke=1, fill=1)
        c.setFillColor(colors.black)
        lines, size = fit(text, width - 2 * PAD, height - 2 * PAD)
        t = c.beginText()
        t.setFont(FONT_NAME, size, size * 1.2)
        y = top - PAD - size
        for line in lines:
            t.setTextOrigin(x + PAD, y)
            t.textOut(line)
            y -= size * 1.2
        c.drawText(t)

    def bytes(self):
        self.c.save()
        return self.out.getvalue()


def _unit_width_of(line):
    return sum(_unit_width(ch) for ch in line) * SIZE
