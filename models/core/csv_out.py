"""The one CSV writer of every download (career, 入退場, 建退共 …): UTF-8 with a BOM, so Excel on Windows
reads the Japanese, and no cell a spreadsheet would run as a formula (OWASP "CSV injection")."""

import csv
import io
import re

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# A cell that is a plain number (-5, -0.5) is read as that number and cannot call anything; a quote in
# front would turn a negative number into text that no sum adds up, so it is left as it is.
PLAIN_NUMBER = re.compile(r"-?\d+(\.\d+)?")


def cell(value):
    """The value as the file holds it: None as empty, text that starts like a formula behind a `'`."""
    if value is None:
        return ""
    text = str(value)
    if text.startswith(FORMULA_START) and not PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


def to_csv(rows):
    """The rows (iterables of cells) as the text of a CSV file, BOM first."""
    out = io.StringIO()
    out.write("\ufeff")
    csv.writer(out).writerows([cell(value) for value in row] for row in rows)
    return out.getvalue()
