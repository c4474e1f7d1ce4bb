"""The bulk application list (一括申請リスト): its columns, the Excel template the app hands out and the
code table. The columns are read back by title (models/registration/bulk/imports.py), so a header someone edited or
an older template version still reads; every value goes through the registration field rules."""

import io
import re
import unicodedata
from collections import namedtuple

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from models.core import codes

TEMPLATE_VERSION = 3
SHEET = "一括申請リスト"
CODE_SHEET = "コード表"
TITLE_ROW, HEADER_ROW, FIRST_ROW = 1, 3, 4
TEMPLATE_ROWS = 1000

# field: a worker field of models/registration/fields/rules.py; titles: Japanese, English, then older or common wordings;
# needed: the column must be present (the row key and what a draft cannot be stored without).
Column = namedtuple("Column", "field titles needed table note_ja note_en")
COLUMNS = [
    Column("family_name", ("姓", "Family name", "氏"), True, None, "本人確認書類と同じ表記", "As on the ID"),
    Column("given_name", ("名", "Given name"), True, None, "本人確認書類と同じ表記", "As on the ID"),
    Column("middle_name", ("ミドルネーム", "Middle name"), False, None, "ある方だけ", "Only if any"),
    Column(
        "family_kana",
        ("セイ", "Family name kana", "姓フリガナ", "フリガナ姓"),
        False,
        None,
        "カタカナ（ひらがなも可）",
        "Katakana",
    ),
    Column(
        "given_kana",
        ("メイ", "Given name kana", "名フリガナ", "フリガナ名"),
        False,
        None,
        "カタカナ（ひらがなも可）",
        "Katakana",
    ),
    Column(
        "birth_date",
        ("生年月日", "Date of birth"),
        True,
        None,
        "例: 1985/04/01（文字でも日付でも可）",
        "e.g. 1985-04-01",
    ),
    Column("gender", ("性別", "Gender"), True, codes.GENDERS, "1＝男性、2＝女性", "1 = male, 2 = female"),
    Column("nationality", ("国籍", "Nationality"), False, None, "空欄なら日本", "Blank = Japan"),
    Column("blood_type", ("血液型", "Blood type"), False, codes.BLOOD_TYPES, "不明も可", "unknown allowed"),
    Column("postal_code", ("郵便番号", "Postal code"), True, None, "7桁（ハイフンなしも可）", "7 digits"),
    Column("address", ("住所", "Address"), True, None, "カードが届く住所", "Where the card is mailed"),
    Column("phone", ("電話番号", "Phone"), True, None, "例: 090-1234-5678", "e.g. 090-1234-5678"),
    Column(
        "email",
        ("メールアドレス", "E-mail"),
        False,
        None,
        "本人のアドレス。ない場合は空欄（招待メールは送れません）",
        "The worker's own; blank if none",
    ),
    Column(
        "main_trade",
        ("職種コード", "Trade code", "職種"),
        True,
        codes.TRADES,
        "コード表の職種コード",
        "Trade code from the code table",
    ),
    Column("experience_years", ("経験年数", "Years of experience"), False, None, "0〜70", "0 to 70"),
    Column(
        "health_insurance",
        ("健康保険", "Health insurance"),
        False,
        codes.INSURANCE_STATUSES,
        "コード表の加入状況",
        "Status code",
    ),
    Column(
        "pension",
        ("年金保険", "Pension", "厚生年金"),
        False,
        codes.INSURANCE_STATUSES,
        "コード表の加入状況",
        "Status code",
    ),
    Column(
        "employment_insurance",
        ("雇用保険", "Employment insurance"),
        False,
        codes.INSURANCE_STATUSES,
        "コード表の加入状況",
        "Status code",
    ),
    Column(
        "kentaikyo_number",
        ("建退共被共済者番号", "Kentaikyo number", "建退共番号"),
        False,
        None,
        "9桁。先頭の0が消えた数値のままでも受け付けます",
        "9 digits; a number without its leading zeros is accepted",
    ),
    Column(
        "id_document",
        ("本人確認書類", "ID document"),
        False,
        codes.ID_DOCUMENTS,
        "コード表の書類コード",
        "Document code",
    ),
]
BY_FIELD = {c.field: c for c in COLUMNS}


def squash(title):
    """A header as typed, compared without width, spaces, marks or a bracketed remark."""
    text = unicodedata.normalize("NFKC", str(title or ""))
    text = re.sub(r"[\(（\[【].*?[\)）\]】]", "", text)
    return re.sub(r"[\s※*＊:：・/]", "", text).lower()


TITLE_INDEX = {squash(t): c.field for c in COLUMNS for t in c.titles}


def field_for_title(title):
    """The field a header cell names: exactly, or by a known title it starts with (「性別1男2女」)."""
    key = squash(title)
    if not key:
        return None
    if key in TITLE_INDEX:
        return TITLE_INDEX[key]
    starts = [t for t in TITLE_INDEX if len(t) > 1 and key.startswith(t)]
    return TITLE_INDEX[max(starts, key=len)] if starts else None


def version_stamp(version=TEMPLATE_VERSION):
    return f"CareerUp 一括申請リスト テンプレート版 v{version}"


def read_version(text):
    match = re.search(
        r"テンプレート版\s*v?\s*(\d+)|template\s*v?\s*(\d+)", unicodedata.normalize("NFKC", str(text or ""))
    )
    return int(match.group(1) or match.group(2)) if match else None


def _code_rows(lang):
    """(column title, code, label) of every coded column, in column order."""
    for column in COLUMNS:
        if column.table:
            for code, ja, en in column.table:
                yield column.titles[0 if lang == "ja" else 1], code, en if lang == "en" else ja


def _write_code_sheet(ws, lang):
    ws.append(
        [
            "項目" if lang == "ja" else "Column",
            "コード" if lang == "ja" else "Code",
            "内容" if lang == "ja" else "Meaning",
        ]
    )
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in _code_rows(lang):
        ws.append(list(row))
    ws.column_dimensions["A"].width = 22
    ws.column_dimensions["C"].width = 40


def _code_ranges():
    """{field: "'コード表'!$B$m:$B$n"}, the code cells each coded column's drop-down lists."""
    ranges, row = {}, 2
    for column in COLUMNS:
        if column.table:
            ranges[column.field] = f"'{CODE_SHEET}'!$B${row}:$B${row + len(column.table) - 1}"
            row += len(column.table)
    return ranges


def build_template(lang="ja"):
    """The .xlsx template: a protected header with a note per column, open data rows with drop-down
    lists from the code tables, the version stamp, and the code table as a second sheet."""
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    ws.cell(TITLE_ROW, 1, version_stamp()).font = Font(bold=True)
    ws.cell(TITLE_ROW + 1, 1, _intro(lang))
    header_fill = PatternFill("solid", fgColor="DDEBF7")
    ranges = _code_ranges()
    for index, column in enumerate(COLUMNS, start=1):
        cell = ws.cell(HEADER_ROW, index, column.titles[0 if lang == "ja" else 1])
        cell.font, cell.fill = Font(bold=True), header_fill
        cell.comment = Comment(column.note_en if lang == "en" else column.note_ja, "CareerUp")
        letter = get_column_letter(index)
        # The data rows take the column's style: open to typing (the sheet is protected) and, for numbers
        # with leading zeros, typed as text.
        dimension = ws.column_dimensions[letter]
        dimension.width, dimension.protection = 16, Protection(locked=False)
        if column.field in ("kentaikyo_number", "postal_code", "phone"):
            dimension.number_format = "@"
        if column.field in ranges:
            validation = DataValidation(type="list", formula1=ranges[column.field], allow_blank=True)
            validation.add(f"{letter}{FIRST_ROW}:{letter}{FIRST_ROW + TEMPLATE_ROWS - 1}")
            ws.add_data_validation(validation)
    ws.freeze_panes = ws.cell(FIRST_ROW, 1)
    ws.protection.sheet = True
    ws.protection.formatRows = ws.protection.formatColumns = False  # widths and hiding stay free
    _write_code_sheet(wb.create_sheet(CODE_SHEET), lang)
    return _bytes(wb)


def _intro(lang):
    if lang == "en":
        return (
            "One row per worker from row 4. Do not change row 3 (the headings). Kentaikyo numbers: 9 digits; "
            "a number whose leading zeros Excel removed is accepted."
        )
    return (
        "4行目から1行に1人ずつ入力してください。3行目（見出し）は変更しないでください。"
        "建退共の被共済者番号は9桁です。Excelが先頭の0を消した数値のままでも受け付けます。"
    )


def build_code_table(lang="ja"):
    """The code table alone, as its own workbook."""
    wb = Workbook()
    ws = wb.active
    ws.title = CODE_SHEET
    _write_code_sheet(ws, lang)
    return _bytes(wb)


def _bytes(wb):
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
