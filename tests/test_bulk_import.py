"""一括申請リスト: the template the app hands out, the upload through the real route and job, the row
messages, the re-upload that adds nothing twice, and each tolerance on a real .xlsx."""

import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from models import Application, BulkImport, ProxyFiling, Worker
from models.accounts.employers import NamedEmployer
from models.registration.bulk import template as tpl
from models.registration.bulk.imports import read_workbook, validate
from tests import factories as f
from tests.bulk_books import GOOD, person, plain_book, template_with, to_bytes


@pytest.fixture
def clerk(app):
    company, admin = f.company(name="代行建設株式会社")
    client = app.test_client()
    f.login(client, admin)
    return client, company, admin


def upload(client, data, name="crew.xlsx"):
    return client.post("/company/bulk", data={"workbook": (io.BytesIO(data), name)}, content_type="multipart/form-data")


def result_page(client, data):
    response = upload(client, data)
    assert response.status_code == 302, response.text
    return client.get(response.headers["Location"]).text


def rows_of(data):
    sheet = read_workbook(data)
    accepted, problems, skipped = validate(sheet, set())
    return sheet, {n: values for n, values, _k in accepted}, problems


def test_template_has_protected_header_lists_notes_version_and_code_table(clerk):
    client, _company, _admin = clerk
    response = client.get("/company/bulk/template.xlsx")
    assert response.status_code == 200 and response.mimetype.endswith("spreadsheetml.sheet")
    wb = load_workbook(io.BytesIO(response.data))
    ws = wb[tpl.SHEET]
    assert f"テンプレート版 v{tpl.TEMPLATE_VERSION}" in ws["A1"].value
    assert "先頭の0" in ws["A2"].value
    assert ws.protection.sheet
    assert ws.cell(tpl.HEADER_ROW, 1).value == "姓" and ws.cell(tpl.HEADER_ROW, 1).protection.locked
    assert not ws.column_dimensions["A"].protection.locked  # the data rows take the column's style
    gender_col = [c.value for c in ws[tpl.HEADER_ROW]].index("性別") + 1
    assert "「男性」か「女性」" in ws.cell(tpl.HEADER_ROW, gender_col).comment.text
    letter = ws.cell(tpl.HEADER_ROW, gender_col).column_letter
    gender_list = next(dv.formula1 for dv in ws.data_validations.dataValidation if f"{letter}4:" in str(dv.sqref))
    codes_ws = wb[tpl.CODE_SHEET]
    start, end = (int(part.split("$")[-1]) for part in gender_list.split("!")[1].split(":"))
    assert [codes_ws.cell(r, 3).value for r in range(start, end + 1)] == ["男性", "女性"]
    table = load_workbook(io.BytesIO(client.get("/company/bulk/codes.xlsx").data)).active
    assert ("性別", "1", "男性") in [tuple(r) for r in table.iter_rows(values_only=True)]


def test_upload_rejects_rows_with_messages_and_keeps_the_good_ones_as_drafts(clerk):
    client, company, admin = clerk
    book = template_with([person(1), person(2, 性別="3", 郵便番号="16000"), person(3, 生年月日="1985-13-40")])
    page = result_page(client, to_bytes(book))
    assert "1人を代行申請の下書きにしました" in page
    assert "エラーのある行: 2行" in page
    assert "セルの一覧から選んでください（男性、女性 など）" in page and "G 性別" in page
    assert "郵便番号は7桁で入力してください" in page and ">5<" in page
    assert "生年月日は 1985/4/1、1985年4月1日、昭和60年4月1日、S60.4.1 のどれかの形で" in page and ">6<" in page
    filing = ProxyFiling.get()
    assert (filing.company_id, filing.filed_by_id, filing.source_row) == (company.id, admin.id, 4)
    application = filing.application
    assert (application.status, application.kind, application.worker.given_name) == ("draft", "worker", "一郎1")
    assert application.worker.kentaikyo_number == "012345678" and application.worker.health_insurance == "enrolled"
    assert NamedEmployer.get(NamedEmployer.worker == application.worker).company_id == company.id
    assert Worker.select().count() == 1  # the one accepted row, none of the refused
    assert "一郎1" in client.get("/company/proxy").text


def test_fixed_file_uploaded_again_adds_only_the_fixed_rows(clerk):
    client, _company, _admin = clerk
    rows = [person(1), person(2, 性別="3")]
    result_page(client, to_bytes(template_with(rows)))
    rows[1]["性別"] = "2"
    page = result_page(client, to_bytes(template_with(rows)))
    assert "1人を代行申請の下書きにしました" in page and "取り込み済みのため省略: 1人" in page
    assert sorted(w.given_name for w in Worker.select().join(ProxyFiling, on=ProxyFiling.worker == Worker.id)) == [
        "一郎1",
        "一郎2",
    ]
    assert Application.select().where(Application.status == "draft").count() == 2


def test_same_person_twice_in_one_file_is_refused_with_the_other_row(clerk):
    client, _company, _admin = clerk
    page = result_page(client, to_bytes(template_with([person(1), person(1)])))
    assert "同じ人（氏名と生年月日）が4行目にもあります" in page
    assert ProxyFiling.select().count() == 1


def test_not_an_excel_file_or_missing_columns_say_so(clerk):
    client, _company, _admin = clerk
    response = upload(client, f.png_data(), "crew.xlsx")
    assert response.status_code == 400 and "Excelファイル（.xlsx）を選んでください" in response.text
    book = plain_book(["姓", "名", "性別"], [["山田", "一郎", "1"]])
    page = result_page(client, to_bytes(book))
    assert "次の列が見つかりません: 生年月日、郵便番号、住所、電話番号、職種コード" in page
    assert BulkImport.get().status == "failed" and Worker.select().count() == 0


def test_full_width_digits_and_spaces_and_trailing_formatted_rows(app):
    book = template_with([person(1, 郵便番号="１６０－００２３", 電話番号="０９０ １２３４ ５６７８", 姓="　山田　")])
    ws = book[tpl.SHEET]
    for row in range(5, 40):  # cleared but still formatted rows, as Q1-2 complains
        ws.cell(row, 1).value = "   "
        ws.cell(row, 3).number_format = "@"
    sheet, accepted, problems = rows_of(to_bytes(book))
    assert not problems and len(sheet.rows) == 1
    assert (accepted[4]["postal_code"], accepted[4]["phone"], accepted[4]["family_name"]) == (
        "160-0023",
        "090 1234 5678",
        "山田",
    )


def test_edited_header_and_older_template_are_read_by_column_title(app):
    headings = ["No.", "氏 ※", "名（漢字）", "生年月日（西暦）", "性別(1男2女)", "郵便番号", "住所", "電話番号", "職種"]
    row = [1, "山田", "一郎", "1985/4/1", 1, "1600023", "東京都新宿区1-1", "0312345678", "0101"]
    book = plain_book(headings, [row], title_rows=[["CareerUp 一括申請リスト テンプレート版 v1"], []])
    sheet, accepted, problems = rows_of(to_bytes(book))
    assert sheet.version == 1 and not sheet.missing
    assert not [p for p in problems if p.field != "family_kana" and p.field != "given_kana"]
    assert {p.field for p in problems} == {"family_kana", "given_kana"}  # a Japanese name needs its reading


def test_dates_as_text_or_excel_serial_and_kentaikyo_numbers_without_zeros(app):
    book = template_with(
        [
            person(1, 生年月日="1985年4月1日", 建退共被共済者番号=12345678),
            person(2, 生年月日=31138, 建退共被共済者番号=123456789),
            person(3, 生年月日=dt.datetime(1990, 5, 6), 建退共被共済者番号="１２３４５６７８９"),
        ]
    )
    _sheet, accepted, problems = rows_of(to_bytes(book))
    assert not problems
    assert [accepted[n]["birth_date"] for n in (4, 5, 6)] == [
        dt.date(1985, 4, 1),
        dt.date(1985, 4, 1),
        dt.date(1990, 5, 6),
    ]
    assert [accepted[n]["kentaikyo_number"] for n in (4, 5, 6)] == ["012345678", "123456789", "123456789"]


def test_merged_cells_formulas_and_hidden_rows(app):
    book = template_with([person(1), person(2, 国籍=None, 住所=None), person(3)])
    ws = book[tpl.SHEET]
    ws.merge_cells("K4:K5")  # one address typed for two rows (the same dormitory)
    ws["B6"] = '="一郎"&"3"'
    ws.row_dimensions[6].hidden = True
    sheet, accepted, problems = rows_of(to_bytes(book, cached={"B6": "一郎3"}))
    assert not problems
    assert accepted[5]["address"] == GOOD["住所"] and accepted[5]["nationality"] == "日本"
    assert accepted[6]["given_name"] == "一郎3"
    assert [n for n, _raw, hidden in sheet.rows if hidden] == [6]


def test_hidden_rows_are_reported_on_the_result_page(clerk):
    client, _company, _admin = clerk
    book = template_with([person(1), person(2)])
    book[tpl.SHEET].row_dimensions[5].hidden = True
    page = result_page(client, to_bytes(book))
    assert "非表示の行も読み込みました: 5行目" in page and "2人を代行申請の下書きにしました" in page


def test_committed_hand_broken_fixture(clerk):
    """A file edited in a spreadsheet program: header renamed, a merged nationality, a blank row between."""
    client, _company, _admin = clerk
    from pathlib import Path

    data = (Path(__file__).parent / "fixtures" / "bulk_hand_edited.xlsx").read_bytes()
    page = result_page(client, data)
    assert "2人を代行申請の下書きにしました" in page, page
    assert "エラーのある行: 1行" in page and "電話番号" in page


def test_status_page_polls_until_finished(clerk):
    client, company, admin = clerk
    job = BulkImport.create(company=company, account=admin, filename="a.xlsx", data=b"", total=200, processed=50)
    page = client.get(f"/company/bulk/{job.id}", headers={"HX-Request": "true"}).text
    assert 'hx-trigger="every 1s"' in page and 'value="25"' in page and "<html" not in page


def test_the_english_template_reads_as_before_and_reads_back(clerk, app):
    """Headings, notes and the code table follow the page's locale; a filled English template (English
    headings and an English code label) is read like a Japanese one."""
    client, _company, _admin = clerk
    client.get("/lang/en")
    book = load_workbook(io.BytesIO(client.get("/company/bulk/template.xlsx").data))
    ws = book[tpl.SHEET]
    headings = [ws.cell(tpl.HEADER_ROW, c).value for c in range(1, ws.max_column + 1)]
    assert headings[:6] == [
        "Family name",
        "Given name",
        "Middle name",
        "Family name kana",
        "Given name kana",
        "Date of birth",
    ]
    assert "Gender" in headings and ws.cell(tpl.HEADER_ROW, 1).comment.text.startswith("As on the ID")
    codes_sheet = [tuple(r) for r in book[tpl.CODE_SHEET].iter_rows(values_only=True)]
    assert codes_sheet[0] == ("Column", "Code", "Meaning") and ("Gender", "1", "Male") in codes_sheet

    english = {tpl.field_for_title(h): i for i, h in enumerate(headings, start=1)}
    japanese = {field: GOOD[t] for t in GOOD if (field := tpl.field_for_title(t))}
    for field, value in {**japanese, "health_insurance": "Enrolled"}.items():
        ws.cell(tpl.FIRST_ROW, english[field], value)
    with app.app_context():
        _sheet, accepted, problems = rows_of(to_bytes(book))
    assert not problems and accepted[tpl.FIRST_ROW]["health_insurance"] == "enrolled"


def test_a_clerks_labels_wareki_dates_and_lost_zeros_are_read(app):
    """Issue 21: the list as an office clerk fills it — labels picked from the drop-downs (加入, 運転免許証,
    男性) or typed short (男 / 女), 和暦 dates (令和, R, H, S, 元年), a trade code Excel stored as 601, a
    foreign worker whose ID shows no furigana marked in its own column, and blank lines between."""
    book = template_with(
        [
            person(1, 性別="男性", 本人確認書類="運転免許証", 健康保険="加入", 生年月日="昭和60年4月1日"),
            person(2, 性別="女", 生年月日="S60.6.1", 職種コード=601),
            {},
            person(3, 性別="男", 生年月日="H7.8.15", 職種コード="601"),
            person(4, 生年月日="平成元年1月8日"),
            {"姓": None},
            person(5, 国籍="ベトナム", セイ=None, メイ=None, フリガナの記載がない="はい"),
        ]
    )
    _sheet, accepted, problems = rows_of(to_bytes(book))
    assert not problems
    assert sorted(accepted) == [4, 5, 7, 8, 10]
    assert [accepted[n]["gender"] for n in (4, 5, 7)] == ["1", "2", "1"]
    assert accepted[4]["id_document"] == "driving_licence" and accepted[4]["health_insurance"] == "enrolled"
    assert [accepted[n]["birth_date"] for n in (4, 5, 7, 8)] == [
        dt.date(1985, 4, 1),
        dt.date(1985, 6, 1),
        dt.date(1995, 8, 15),
        dt.date(1989, 1, 8),
    ]
    assert accepted[5]["main_trade"] == accepted[7]["main_trade"] == "0601"
    assert accepted[10]["no_kana_on_document"] is True and accepted[10]["family_kana"] == ""


def test_template_drop_downs_offer_labels_and_a_furigana_column(clerk):
    """Issue 21: the drop-downs list what a clerk reads (加入, 運転免許証), not internal codes; the 'no furigana'
    case the message names has its column."""
    client, _company, _admin = clerk
    wb = load_workbook(io.BytesIO(client.get("/company/bulk/template.xlsx").data))
    ws, codes_ws = wb[tpl.SHEET], wb[tpl.CODE_SHEET]
    headings = [c.value for c in ws[tpl.HEADER_ROW]]
    assert "フリガナの記載がない" in headings

    def offered(title):
        letter = ws.cell(tpl.HEADER_ROW, headings.index(title) + 1).column_letter
        formula = next(dv.formula1 for dv in ws.data_validations.dataValidation if f"{letter}4:" in str(dv.sqref))
        first, last = formula.split("!")[1].replace("$", "").split(":")
        return [cell.value for row in codes_ws[first:last] for cell in row]

    assert offered("健康保険") == ["加入", "未加入", "適用除外"]
    assert "運転免許証" in offered("本人確認書類") and "driving_licence" not in offered("本人確認書類")
    assert offered("フリガナの記載がない") == ["はい", "いいえ"]
    assert "0101" in offered("職種コード")


def test_a_refused_date_names_the_accepted_forms_and_progress_never_reads_zero_of_zero(clerk):
    client, company, admin = clerk
    page = result_page(client, to_bytes(template_with([person(1, 生年月日="85年4月1日")])))
    assert "昭和60年4月1日、S60.4.1 のどれかの形で入力してください" in page
    job = BulkImport.create(company=company, account=admin, filename="a.xlsx", data=b"")
    fragment = client.get(f"/company/bulk/{job.id}", headers={"HX-Request": "true"}).text
    assert "0 / 0" not in fragment and "ファイルを開いています" in fragment
