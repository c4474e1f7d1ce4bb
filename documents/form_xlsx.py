""".xlsx versions of the printed forms, for primes who still ask for the Excel form: the same drawer
that lays out a PDF (documents/ledger_pdf.py, roster_pdf.py) writes into an XlsxDocument, which has
FormDocument's calls. Cells keep the form's widths: every cell edge of the form becomes a column edge,
a cell wider than one column is merged across its columns, text wraps inside it, and the column heads
repeat on each printed page."""

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.cell_range import CellRange
from reportlab.lib.units import mm

from documents.form_pdf import PAD, SIZE, font, wrap

THIN = Side(style="thin", color="333333")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
SHADE = PatternFill("solid", fgColor="EEEEEE")
WRAP = Alignment(wrap_text=True, vertical="top")
CENTRE = Alignment(wrap_text=True, vertical="top", horizontal="center")
MM_PER_WIDTH_UNIT = 1.9  # an Excel column width unit is about one digit of Calibri 11


def _merge(ws, row, start, end):
    """ws.merge_cells without its check against every range merged so far (quadratic: 40 s for a
    1,000-worker ledger) nor the border rework of a MergedCellRange; the form's ranges never overlap, and the
    caller has boxed every cell of the range already."""
    ws.merged_cells.ranges.add(CellRange(min_col=start, min_row=row, max_col=end, max_row=row))


class XlsxDocument:
    """Collects the form's rows, then lays them out on one grid of columns."""

    def __init__(self, title, form_name=""):
        font()  # row heights are measured with the PDF's font
        self.title, self.form_name = title, form_name
        self.items = []
        self.heads = None

    def row(self, cells):
        self.items.append(("row", cells))

    def repeat(self, *rows):
        start = len(self.items)
        for row in rows:
            self.row(row)
        self.heads = (start, len(self.items))

    def end_repeat(self):
        pass

    def heading(self, text):
        self.items.append(("heading", text))

    def note(self, text, width_mm=None):
        self.items.append(("note", text))

    def space(self, gap_mm=2):
        self.items.append(("space", None))

    def new_page(self):
        pass

    def bytes(self):
        edges = {0.0}
        for kind, cells in self.items:
            if kind == "row":
                x = 0.0
                for cell in cells:
                    x = round(x + cell.width / mm, 1)
                    edges.add(x)
        edges = sorted(edges)
        column = {x: i + 1 for i, x in enumerate(edges)}  # the column that starts at edge x
        wb = Workbook()
        ws = wb.active
        ws.title = self.title[:31]
        for i in range(len(edges) - 1):
            ws.column_dimensions[get_column_letter(i + 1)].width = (edges[i + 1] - edges[i]) / MM_PER_WIDTH_UNIT
        last = len(edges) - 1
        ws.cell(1, 1, self.title).font = Font(size=14, bold=True)
        ws.cell(2, 1, self.form_name).font = Font(size=8)
        r = 3
        first_row = {}
        for index, (kind, payload) in enumerate(self.items):
            first_row[index] = r
            if kind == "row":
                x, tallest = 0.0, 1
                for cell in payload:
                    start, x = column[x], round(x + cell.width / mm, 1)
                    end = column[x] - 1
                    target = ws.cell(r, start, cell.text)
                    target.alignment = CENTRE if cell.align == "center" else WRAP
                    for c in range(start, end + 1):
                        boxed = ws.cell(r, c)
                        boxed.border = BOX
                        if cell.shade:
                            boxed.fill = SHADE
                    if end > start:
                        _merge(ws, r, start, end)
                    tallest = max(tallest, len(wrap(cell.text, cell.width - 2 * PAD, SIZE)))
                ws.row_dimensions[r].height = tallest * 11 + 3
            elif kind in ("heading", "note"):
                ws.cell(r, 1, payload).font = Font(bold=kind == "heading", size=10 if kind == "heading" else 8)
                ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=last)
            r += 1
        if self.heads:
            ws.print_title_rows = f"{first_row[self.heads[0]]}:{first_row[self.heads[1] - 1]}"
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        out = io.BytesIO()
        wb.save(out)
        return out.getvalue()
