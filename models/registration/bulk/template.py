"""The bulk application list (一括申請リスト): its columns, the Excel template the app hands out and the
code table. The columns are read back by title (models/registration/bulk/imports.py), so a header someone edited or
an older template version still reads; every value goes through the registration field rules."""

import io
import re
import unicodedata
from collections import namedtuple

from flask import g, has_app_context
from flask_babel import gettext, lazy_pgettext, pgettext
from flask_babel import lazy_gettext as _l
from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from models.core import codes
from models.core.i18n import wordings

TEMPLATE_VERSION = 4
SHEET = "一括申請リスト"
CODE_SHEET = "コード表"
TITLE_ROW, HEADER_ROW, FIRST_ROW = 1, 3, 4
TEMPLATE_ROWS = 1000

# field: a worker field of models/registration/fields/rules.py; title: the heading, in the locale the template
# is made in; aliases: other wordings that still read back (earlier English headings, older or common ones);
# needed: the column must be present (the row key and what a draft cannot be stored without).
Column = namedtuple("Column", "field title aliases needed table note")
COLUMNS = [
    Column(
        "family_name",
        lazy_pgettext("bulk column", "姓"),
        ("Family name", "氏"),
        True,
        None,
        _l("本人確認書類と同じ表記"),
    ),
    Column("given_name", lazy_pgettext("bulk column", "名"), ("Given name",), True, None, _l("本人確認書類と同じ表記")),
    Column(
        "middle_name", lazy_pgettext("bulk column", "ミドルネーム"), ("Middle name",), False, None, _l("ある方だけ")
    ),
    Column(
        "family_kana",
        lazy_pgettext("bulk column", "セイ"),
        ("Family name kana", "姓フリガナ", "フリガナ姓"),
        False,
        None,
        _l("カタカナ（ひらがなも可）"),
    ),
    Column(
        "given_kana",
        lazy_pgettext("bulk column", "メイ"),
        ("Given name kana", "名フリガナ", "フリガナ名"),
        False,
        None,
        _l("カタカナ（ひらがなも可）"),
    ),
    Column(
        "birth_date",
        lazy_pgettext("bulk column", "生年月日"),
        ("Date of birth",),
        True,
        None,
        _l("例: 1985/04/01、昭和60年4月1日、S60.4.1（文字でも日付でも可）"),
    ),
    Column(
        "gender",
        lazy_pgettext("bulk column", "性別"),
        ("Gender",),
        True,
        codes.GENDERS,
        _l("一覧から「男性」か「女性」（男・女、1・2も可）"),
    ),
    Column("nationality", lazy_pgettext("bulk column", "国籍"), ("Nationality",), False, None, _l("空欄なら日本")),
    Column(
        "blood_type", lazy_pgettext("bulk column", "血液型"), ("Blood type",), False, codes.BLOOD_TYPES, _l("不明も可")
    ),
    Column(
        "postal_code",
        lazy_pgettext("bulk column", "郵便番号"),
        ("Postal code",),
        True,
        None,
        _l("7桁（ハイフンなしも可）"),
    ),
    Column("address", lazy_pgettext("bulk column", "住所"), ("Address",), True, None, _l("カードが届く住所")),
    Column("phone", lazy_pgettext("bulk column", "電話番号"), ("Phone",), True, None, _l("例: 090-1234-5678")),
    Column(
        "email",
        lazy_pgettext("bulk column", "メールアドレス"),
        ("E-mail",),
        False,
        None,
        _l("本人のアドレス。ない場合は空欄（招待メールは送れません）"),
    ),
    Column(
        "main_trade",
        lazy_pgettext("bulk column", "職種コード"),
        ("Trade code", "職種"),
        True,
        codes.TRADES,
        _l("コード表の職種コード（先頭の0が消えた601も0601と読みます）"),
    ),
    Column(
        "experience_years", lazy_pgettext("bulk column", "経験年数"), ("Years of experience",), False, None, _l("0〜70")
    ),
    Column(
        "health_insurance",
        lazy_pgettext("bulk column", "健康保険"),
        ("Health insurance",),
        False,
        codes.INSURANCE_STATUSES,
        _l("一覧から選択（加入・未加入・適用除外）"),
    ),
    Column(
        "pension",
        lazy_pgettext("bulk column", "年金保険"),
        ("Pension", "厚生年金"),
        False,
        codes.INSURANCE_STATUSES,
        _l("一覧から選択（加入・未加入・適用除外）"),
    ),
    Column(
        "employment_insurance",
        lazy_pgettext("bulk column", "雇用保険"),
        ("Employment insurance",),
        False,
        codes.INSURANCE_STATUSES,
        _l("一覧から選択（加入・未加入・適用除外）"),
    ),
    Column(
        "kentaikyo_number",
        lazy_pgettext("bulk column", "建退共被共済者番号"),
        ("Kentaikyo number", "建退共番号"),
        False,
        None,
        _l("9桁。先頭の0が消えた数値のままでも受け付けます"),
    ),
    Column(
        "id_document",
        lazy_pgettext("bulk column", "本人確認書類"),
        ("ID document",),
        False,
        codes.ID_DOCUMENTS,
        _l("一覧から書類を選択"),
    ),
    Column(
        "no_kana_on_document",
        lazy_pgettext("bulk column", "フリガナの記載がない"),
        ("No kana on ID document", "フリガナ記載なし"),
        False,
        codes.YES_NO,
        _l("外国籍で本人確認書類にフリガナがない方は「はい」（セイ・メイは空欄に）"),
    ),
]
BY_FIELD = {c.field: c for c in COLUMNS}


def squash(title):
    """A header as typed, compared without width, spaces, marks or a bracketed remark."""
    text = unicodedata.normalize("NFKC", str(title or ""))
    text = re.sub(r"[\(（\[【].*?[\)）\]】]", "", text)
    return re.sub(r"[\s※*＊:：・/]", "", text).lower()


def _title_index():
    """{squashed heading: field} over the headings in every language and the aliases, built once per app
    context (an integration file asks for each row's keys)."""
    if has_app_context() and "bulk_title_index" in g:
        return g.bulk_title_index
    own, *others = wordings([c.title for c in COLUMNS])
    index = {}
    for column, title in zip(COLUMNS, own):  # Japanese first, then the aliases, then other languages
        index.setdefault(squash(title), column.field)
    for column in COLUMNS:
        for alias in column.aliases:
            index.setdefault(squash(alias), column.field)
    for wording in others:
        for column, title in zip(COLUMNS, wording):
            index.setdefault(squash(title), column.field)
    if has_app_context():
        g.bulk_title_index = index
    return index


def field_for_title(title):
    """The field a header cell names: exactly, or by a known title it starts with (「性別1男2女」)."""
    key = squash(title)
    if not key:
        return None
    index = _title_index()
    if key in index:
        return index[key]
    starts = [t for t in index if len(t) > 1 and key.startswith(t)]
    return index[max(starts, key=len)] if starts else None


def version_stamp(version=TEMPLATE_VERSION):
    return f"CareerUp 一括申請リスト テンプレート版 v{version}"


def read_version(text):
    match = re.search(
        r"テンプレート版\s*v?\s*(\d+)|template\s*v?\s*(\d+)", unicodedata.normalize("NFKC", str(text or ""))
    )
    return int(match.group(1) or match.group(2)) if match else None


def _code_rows():
    """(column title, code, label) of every coded column, in column order."""
    for column in COLUMNS:
        if column.table:
            for code, label in column.table:
                yield str(column.title), code, str(label)


def _write_code_sheet(ws):
    ws.append([pgettext("code table", "項目"), pgettext("code table", "コード"), pgettext("code table", "内容")])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in _code_rows():
        ws.append(list(row))
    ws.column_dimensions["A"].width = 22
    ws.column_dimensions["C"].width = 40


def _code_ranges():
    """{field: "'コード表'!$C$m:$C$n"}, the cells each coded column's drop-down lists: the labels a clerk
    reads (加入, 運転免許証), read back by code_for; 職種 lists its codes, as a trade name may repeat."""
    ranges, row = {}, 2
    for column in COLUMNS:
        if column.table:
            cells = "B" if column.field == "main_trade" else "C"
            ranges[column.field] = f"'{CODE_SHEET}'!${cells}${row}:${cells}${row + len(column.table) - 1}"
            row += len(column.table)
    return ranges


def build_template():
    """The .xlsx template, in the current locale: a protected header with a note per column, open data rows with drop-down
    lists from the code tables, the version stamp, and the code table as a second sheet."""
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    ws.cell(TITLE_ROW, 1, version_stamp()).font = Font(bold=True)
    ws.cell(TITLE_ROW + 1, 1, _intro())
    header_fill = PatternFill("solid", fgColor="DDEBF7")
    ranges = _code_ranges()
    for index, column in enumerate(COLUMNS, start=1):
        cell = ws.cell(HEADER_ROW, index, str(column.title))
        cell.font, cell.fill = Font(bold=True), header_fill
        cell.comment = Comment(str(column.note), "CareerUp")
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
    _write_code_sheet(wb.create_sheet(CODE_SHEET))
    return _bytes(wb)


def _intro():
    return gettext(
        "4行目から1行に1人ずつ入力してください。3行目（見出し）は変更しないでください。"
        "建退共の被共済者番号は9桁です。Excelが先頭の0を消した数値のままでも受け付けます。"
    )


def build_code_table():
    """The code table alone, as its own workbook, in the current locale."""
    wb = Workbook()
    ws = wb.active
    ws.title = CODE_SHEET
    _write_code_sheet(ws)
    return _bytes(wb)


def _bytes(wb):
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
