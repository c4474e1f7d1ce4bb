"""Reading a generated PDF's text boxes and cells (pdfplumber): what tests/test_form_layout.py and
bench/documents.py check, that no two texts overlap and no text leaves the cell it starts in."""

import io

import pdfplumber

TOLERANCE = 0.6  # points: glyph boxes touch their neighbours at the edges


def _overlap(a, b):
    return (
        min(a["x1"], b["x1"]) - max(a["x0"], b["x0"]) > TOLERANCE
        and min(a["bottom"], b["bottom"]) - max(a["top"], b["top"]) > TOLERANCE
    )


def _inside(word, cell):
    x0, top, x1, bottom = cell
    return (
        word["x0"] >= x0 - TOLERANCE
        and word["x1"] <= x1 + TOLERANCE
        and word["top"] >= top - TOLERANCE
        and word["bottom"] <= bottom + TOLERANCE
    )


def problems(data):
    """[(page, what, text)] of every overlap of two words and every word that leaves its cell."""
    found = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for number, page in enumerate(pdf.pages, 1):
            words = page.extract_words(keep_blank_chars=False, use_text_flow=True, x_tolerance=1.5)
            cells = [c for t in page.find_tables() for c in t.cells]
            for i, a in enumerate(words):
                for b in words[i + 1 : i + 40]:  # words come in reading order: neighbours are near
                    if _overlap(a, b):
                        found.append((number, "overlap", f"{a['text']} / {b['text']}"))
                start = (a["x0"] + 0.5, (a["top"] + a["bottom"]) / 2)
                home = [c for c in cells if c[0] <= start[0] <= c[2] and c[1] <= start[1] <= c[3]]
                if home and not any(_inside(a, c) for c in home):
                    found.append((number, "leaves its cell", a["text"]))
    return found


def words(data):
    """Every word of the PDF in reading order, page by page, as one text."""
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)
