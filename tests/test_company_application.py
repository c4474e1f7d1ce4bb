"""The company (事業者) application by the applicant: sections saved one by one, the seed's rules
(Q4-5 name and substitute documents, Q4-7 労災, Q4-8 雇用保険), attachments, submission and the fix
of a returned application."""

import datetime as dt

import pytest

from models import Application, Attachment, Company, Membership, clock
from models.applications import apply_one_person_operator
from models.completeness import company_missing_sections
from tests import factories as f

BASIC = {
    "entity_type": "corporation",
    "name": "山田建設株式会社",
    "name_kana": "やまだけんせつ",
    "representative_name": "山田 一郎",
    "postal_code": "160-0023",
    "address": "東京都新宿区西新宿1-1-1 山田ビル3F",
    "phone": "03-1234-5678",
    "email": "info@yamada.example.jp",
    "capital": "10,000,000",
    "employee_count": "12",
}
LICENCE = {
    "has_licence": "yes",
    "licence_authority": "13",
    "licence_kind": "general",
    "licence_number": "012345",
    "licence_trades": ["05", "12"],
}
OFFICER = {
    "officer_name": "経理 花子",
    "officer_postal_code": "160-0023",
    "officer_address": "東京都新宿区西新宿1-1-1 山田ビル3F",
    "officer_phone": "090-1111-2222",
    "officer_email": "keiri@yamada.example.jp",
}
INSURANCE = {
    "health_insurance": "enrolled",
    "pension": "enrolled",
    "employment_insurance": "enrolled",
    "employment_insurance_number": "13-3-01-123456-000",
}
FILES = ("licence_certificate", "insurance_health", "insurance_pension", "insurance_employment")


def _days_ago(n):
    return (clock.today() - dt.timedelta(days=n)).isoformat()


def start(client, entity_type="corporation"):
    r = client.post("/apply/company/new", data={"entity_type": entity_type})
    assert r.status_code == 302
    return Application.select().order_by(Application.id.desc()).get()


def save(client, application, section, data, go="stay"):
    return client.post(f"/apply/company/{application.id}/{section}", data={**data, "go": go})


def upload(client, application, purpose, data=None, filename="doc.png", headers=None):
    import io

    return client.post(
        f"/apply/company/{application.id}/attachments",
        headers=headers or {},
        data={"purpose": purpose, "file": (io.BytesIO(data or f.png_data()), filename)},
        content_type="multipart/form-data",
    )


def fill(client, application):
    for section, data in (("basic", BASIC), ("licence", LICENCE), ("officer", OFFICER), ("insurance", INSURANCE)):
        assert save(client, application, section, data).status_code == 302, section
    for purpose in FILES:
        assert upload(client, application, purpose).status_code == 302, purpose


@pytest.fixture
def applicant(client):
    account = f.account(email="yamada@example.jp", name="山田 一郎")
    f.login(client, account)
    return account


def reload(application):
    return Application.get_by_id(application.id)


# --- starting and saving sections ---------------------------------------------------------------


def test_start_makes_a_draft_with_the_applicant_as_system_admin(client, applicant):
    assert "法人・個人区分" in client.get("/apply/company/new").text
    application = start(client)
    assert application.kind == "company" and application.status == "draft"
    assert application.company.entity_type == "corporation"
    assert Membership.get(Membership.company == application.company).role == "system_admin"
    # Starting again goes back to the open draft instead of making a second one.
    r = client.get("/apply/company/new")
    assert r.status_code == 302 and r.headers["Location"].endswith(f"/apply/company/{application.id}/basic")
    assert Application.select().count() == 1


def test_start_without_an_entity_type_is_refused(client, applicant):
    r = client.post("/apply/company/new", data={})
    assert r.status_code == 400 and "法人・個人区分を選んでください" in r.text
    assert Company.select().count() == 0


def test_saved_sections_come_back_and_the_next_button_moves_on(client, applicant):
    application = start(client)
    r = save(client, application, "basic", BASIC, go="next")
    assert r.headers["Location"].endswith(f"/apply/company/{application.id}/licence")
    company = Company.get_by_id(application.company_id)
    assert company.name == "山田建設株式会社" and company.name_kana == "ヤマダケンセツ"
    assert company.capital == 10_000_000 and company.employee_count == 12
    page = client.get(f"/apply/company/{application.id}/basic").text
    assert 'value="山田建設株式会社"' in page and 'value="10000000"' in page
    assert "一時保存" in page


def test_one_person_without_trade_name_registers_the_representative_name(client, applicant):
    application = start(client, "one_person")
    r = save(
        client,
        application,
        "basic",
        {
            **BASIC,
            "entity_type": "one_person",
            "name": "",
            "name_kana": "ヤマダイチロウ",
            "capital": "",
            "employee_count": "0",
        },
    )
    assert r.status_code == 302
    company = Company.get_by_id(application.company_id)
    assert company.name == "山田 一郎" and company.trade_name_given == ""
    # The form shows the 商号 box still empty: the name is derived, not typed.
    assert 'name="name" type="text" value=""' in client.get(f"/apply/company/{application.id}/basic").text


def test_one_person_with_a_trade_name_keeps_it(client, applicant):
    application = start(client, "one_person")
    save(
        client,
        application,
        "basic",
        {**BASIC, "entity_type": "one_person", "name": "山田工業", "capital": "", "employee_count": "0"},
    )
    assert Company.get_by_id(application.company_id).name == "山田工業"


def test_sole_proprietor_without_trade_name_is_sent_to_one_person(client, applicant):
    application = start(client, "sole")
    r = save(client, application, "basic", {**BASIC, "entity_type": "sole", "name": "", "capital": ""})
    assert r.status_code == 400 and "「一人親方」を選んでください" in r.text
    assert 'value="東京都新宿区西新宿1-1-1 山田ビル3F"' in r.text and 'value="山田 一郎"' in r.text


def test_corporation_needs_capital_and_bad_input_keeps_what_was_typed(client, applicant):
    application = start(client)
    bad = {**BASIC, "capital": "", "phone": "12345", "name_kana": "yamada", "employee_count": "十二"}
    r = save(client, application, "basic", bad)
    assert r.status_code == 400
    for message in (
        "法人は資本金を入力してください",
        "電話番号は0から始まる",
        "フリガナはカタカナで",
        "半角数字で入力してください",
    ):
        assert message in r.text
    for typed in ('value="12345"', 'value="yamada"', 'value="十二"', 'value="山田建設株式会社"'):
        assert typed in r.text
    assert Company.get_by_id(application.company_id).name == ""


def test_capital_typed_with_full_width_digits_and_commas(client, applicant):
    application = start(client)
    save(client, application, "basic", {**BASIC, "capital": "５，０００，０００円"})
    assert Company.get_by_id(application.company_id).capital == 5_000_000


# --- 建設業許可 or the substitute document (seed Q4-5) -------------------------------------------------


def test_licence_details_are_required_with_a_licence(client, applicant):
    application = start(client)
    r = save(client, application, "licence", {"has_licence": "yes", "licence_number": "12a"})
    assert r.status_code == 400
    for message in ("許可行政庁を選んでください", "一般（般）か特定（特）か", "許可業種を1つ以上", "6桁以内の数字"):
        assert message in r.text
    assert 'value="12a"' in r.text
    save(client, application, "licence", LICENCE)
    company = Company.get_by_id(application.company_id)
    assert company.has_licence and company.licence_trade_codes == ["05", "12"] and company.licence_authority == "13"


def test_substitute_document_older_than_a_year_is_refused(client, applicant):
    application = start(client)
    old = _days_ago(400)
    r = save(
        client,
        application,
        "licence",
        {"has_licence": "no", "alt_document": "business_tax_return", "alt_document_date": old},
    )
    assert r.status_code == 400 and "証明日が1年以上前の書類は使えません" in r.text
    assert f'value="{old}"' in r.text
    assert Company.get_by_id(application.company_id).alt_document == ""


def test_substitute_document_within_a_year_is_accepted(client, applicant):
    application = start(client)
    r = save(
        client,
        application,
        "licence",
        {"has_licence": "no", "alt_document": "tax_certificate_and_register", "alt_document_date": _days_ago(300)},
    )
    assert r.status_code == 302
    company = Company.get_by_id(application.company_id)
    assert company.alt_document == "tax_certificate_and_register" and not company.has_licence


def test_substitute_document_dated_in_the_future_or_missing(client, applicant):
    application = start(client)
    future = (clock.today() + dt.timedelta(days=3)).isoformat()
    r = save(
        client,
        application,
        "licence",
        {"has_licence": "no", "alt_document": "business_tax_return", "alt_document_date": future},
    )
    assert "証明日が未来の日付" in r.text
    r = save(client, application, "licence", {"has_licence": "no"})
    assert "事業者確認書類を選んでください" in r.text and "書類の証明日を入力してください" in r.text


def test_substitute_documents_depend_on_the_entity_type(client, applicant):
    corporation = start(client)
    r = save(
        client,
        corporation,
        "licence",
        {"has_licence": "no", "alt_document": "income_tax_return", "alt_document_date": _days_ago(10)},
    )
    assert r.status_code == 400 and "一覧から選んでください" in r.text
    page = client.get(f"/apply/company/{corporation.id}/licence").text
    assert "事業税の確定申告書" in page and "所得税の確定申告書" not in page


def test_choosing_one_route_clears_the_other(client, applicant):
    application = start(client)
    save(client, application, "licence", LICENCE)
    save(
        client,
        application,
        "licence",
        {"has_licence": "no", "alt_document": "business_tax_return", "alt_document_date": _days_ago(30)},
    )
    company = Company.get_by_id(application.company_id)
    assert company.licence_number == "" and company.licence_trades == "" and company.alt_document


# --- 社会保険 (seed Q4-7, Q4-8) ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed", ["13-3-01-123456-000", "13301123456000", "１３３０１１２３４５６０００", "13 3 01 123456 000"]
)
def test_employment_insurance_number_accepted_and_stored_as_14_digits(client, applicant, typed):
    application = start(client)
    r = save(client, application, "insurance", {**INSURANCE, "employment_insurance_number": typed})
    assert r.status_code == 302
    assert Company.get_by_id(application.company_id).employment_insurance_number == "13301123456000"
    page = client.get(f"/apply/company/{application.id}/insurance").text
    assert "府県 13 · 所掌 3 · 管轄 01 · 基幹番号 123456 · 枝番号 000" in page


@pytest.mark.parametrize(
    "typed, message",
    [
        ("13-3-01-123456-00", "14桁で入力してください"),
        ("13-3-01-123456-0000", "14桁で入力してください"),
        ("13-3-01-12345a-000", "14桁で入力してください"),
        ("13-1-01-123456-000", "所掌は「3」です"),
        ("1301-123456-000-00", "所掌は「3」です"),  # an 雇用保険事業所番号-like number
        ("48-3-01-123456-000", "01〜47の都道府県番号"),
        ("00-3-01-123456-000", "01〜47の都道府県番号"),
    ],
)
def test_employment_insurance_number_errors_say_what_is_wrong(client, applicant, typed, message):
    application = start(client)
    r = save(client, application, "insurance", {**INSURANCE, "employment_insurance_number": typed})
    assert r.status_code == 400 and message in r.text
    assert f'value="{typed}"' in r.text
    assert Company.get_by_id(application.company_id).employment_insurance == ""


def test_employment_insurance_number_only_when_enrolled(client, applicant):
    application = start(client)
    r = save(client, application, "insurance", {**INSURANCE, "employment_insurance_number": ""})
    assert "雇用保険番号を入力してください" in r.text
    r = save(client, application, "insurance", {**INSURANCE, "employment_insurance": "exempt"})
    assert r.status_code == 400 and "「加入」の場合だけ入力してください" in r.text


def test_rousai_number_refused_without_special_enrolment(client, applicant):
    application = start(client)
    r = save(client, application, "insurance", {**INSURANCE, "rousai_number": "13-1-01-123456-00001"})
    assert r.status_code == 400 and "特別加入者（労災保険法第33〜36条）だけが登録できます" in r.text
    assert 'value="13-1-01-123456-00001"' in r.text
    assert Company.get_by_id(application.company_id).rousai_number == ""


def test_rousai_number_of_a_special_enrollee_has_a_five_digit_branch(client, applicant):
    application = start(client)
    r = save(
        client, application, "insurance", {**INSURANCE, "rousai_special": "y", "rousai_number": "13-1-01-123456-000"}
    )
    assert r.status_code == 400 and "16桁で入力してください" in r.text and "枝番号5桁" in r.text
    r = save(client, application, "insurance", {**INSURANCE, "rousai_special": "y"})
    assert "特別加入している場合は労災保険番号を入力してください" in r.text
    r = save(
        client, application, "insurance", {**INSURANCE, "rousai_special": "y", "rousai_number": "13-1-01-123456-00001"}
    )
    assert r.status_code == 302
    company = Company.get_by_id(application.company_id)
    assert company.rousai_special and company.rousai_number == "1310112345600001"


def test_officer_section_says_the_fee_slip_goes_there_and_starts_from_company_details(client, applicant):
    application = start(client)
    save(client, application, "basic", BASIC)
    page = client.get(f"/apply/company/{application.id}/officer").text
    assert "払込票" in page and "登録責任者の住所に郵送されます" in page
    assert 'value="山田 一郎"' in page and 'value="東京都新宿区西新宿1-1-1 山田ビル3F"' in page
    r = save(client, application, "officer", {**OFFICER, "officer_email": "keiri@", "officer_address": ""})
    assert r.status_code == 400 and "メールアドレスの形式" in r.text and 'value="経理 花子"' in r.text


# --- attachments ------------------------------------------------------------------------------


def test_uploaded_document_is_listed_and_viewable_with_safe_headers(client, applicant):
    application = start(client)
    assert upload(client, application, "licence_certificate", filename="許可証.png").status_code == 302
    attachment = Attachment.get()
    assert attachment.company_id == application.company_id and attachment.mime == "image/png"
    page = client.get(f"/apply/company/{application.id}/licence").text
    assert f"/apply/attachments/{attachment.id}" in page and "許可証.png" in page
    r = client.get(f"/apply/attachments/{attachment.id}")
    assert r.status_code == 200 and r.data == f.png_data() and r.mimetype == "image/png"
    assert r.headers["Content-Disposition"].startswith("inline")
    assert r.headers["X-Content-Type-Options"] == "nosniff"
    assert "default-src 'none'" in r.headers["Content-Security-Policy"]


def test_pdf_is_accepted(client, applicant):
    application = start(client)
    assert upload(client, application, "alt_document", data=f.PDF_DATA, filename="nozei.pdf").status_code == 302
    r = client.get(f"/apply/attachments/{Attachment.get().id}")
    assert r.mimetype == "application/pdf"


def test_a_jpg_that_is_really_text_is_refused(client, applicant):
    application = start(client)
    r = upload(
        client,
        application,
        "licence_certificate",
        data=b"<html><script>alert(1)</script></html>",
        filename="certificate.jpg",
    )
    assert r.status_code == 400 and "JPEG・PNG・PDF のファイルだけ" in r.text
    assert Attachment.select().count() == 0


def test_an_oversize_file_is_refused(client, applicant):
    application = start(client)
    r = upload(
        client, application, "licence_certificate", data=b"\xff\xd8\xff" + b"0" * (5 * 1024 * 1024), filename="big.jpg"
    )
    assert r.status_code == 400 and "ファイルが大きすぎます" in r.text
    assert Attachment.select().count() == 0


def test_upload_by_htmx_answers_the_documents_block_only(client, applicant):
    application = start(client)
    r = upload(client, application, "insurance_health", headers={"HX-Request": "true"})
    assert r.status_code == 200 and 'id="attachments"' in r.text and "<html" not in r.text
    assert "添付しました" in r.text


def test_unknown_purpose_is_refused(client, applicant):
    application = start(client)
    assert upload(client, application, "face_photo").status_code == 404


def test_draft_files_can_be_removed(client, applicant):
    application = start(client)
    upload(client, application, "licence_certificate")
    attachment = Attachment.get()
    r = client.post(f"/apply/company/{application.id}/attachments/{attachment.id}/delete")
    assert r.status_code == 302 and Attachment.select().count() == 0


def test_other_applicants_files_and_applications_answer_404(client, app, applicant):
    other_client = app.test_client()
    f.login(other_client, f.account(email="other@example.jp"))
    other = start(other_client)
    upload(other_client, other, "licence_certificate")
    theirs = Attachment.get()
    worker_file = Attachment.store(
        f.png_data(), "face.png", "face_photo", worker=f.submitted_worker_application().worker
    )
    assert client.get(f"/apply/attachments/{theirs.id}").status_code == 404
    assert client.get(f"/apply/attachments/{worker_file.id}").status_code == 404
    assert client.get(f"/apply/company/{other.id}/basic").status_code == 404
    assert save(client, other, "basic", BASIC).status_code == 404
    assert upload(client, other, "licence_certificate").status_code == 404
    assert client.post(f"/apply/company/{other.id}/attachments/{theirs.id}/delete").status_code == 404
    assert client.post(f"/apply/company/{other.id}/submit").status_code == 404
    assert Attachment.select().count() == 2 and Company.get_by_id(other.company_id).name == ""


# --- submitting --------------------------------------------------------------------------------


def test_incomplete_application_lists_the_missing_sections_with_links(client, applicant):
    application = start(client)
    save(client, application, "basic", BASIC)
    r = client.post(f"/apply/company/{application.id}/submit")
    assert r.status_code == 400
    for section in ("licence", "officer", "insurance"):
        assert f'href="/apply/company/{application.id}/{section}"' in r.text
    assert "許可行政庁" in r.text or "事業者確認書類" in r.text
    assert reload(application).status == "draft"
    assert company_missing_sections(reload(application)) == ["licence", "officer", "insurance"]


def test_licence_without_its_certificate_is_incomplete(client, applicant):
    application = start(client)
    fill(client, application)
    Attachment.delete().where(Attachment.purpose == "licence_certificate").execute()
    assert company_missing_sections(reload(application)) == ["licence"]
    assert "建設業許可証明書・許可通知書" in client.get(f"/apply/company/{application.id}/submit").text


def test_complete_application_is_submitted_and_then_read_only(client, applicant):
    application = start(client)
    fill(client, application)
    page = client.get(f"/apply/company/{application.id}/submit").text
    assert "すべての項目がそろっています" in page and "この内容で申請する" in page
    r = client.post(f"/apply/company/{application.id}/submit")
    assert r.status_code == 302 and r.headers["Location"].endswith("/apply/")
    application = reload(application)
    assert application.status == "submitted" and application.round == 1
    # Nothing can be changed while it is reviewed.
    page = client.get(f"/apply/company/{application.id}/basic").text
    assert 'name="phone"' not in page and "03-1234-5678" in page
    save(client, application, "basic", {**BASIC, "phone": "03-9999-9999"})
    assert Company.get_by_id(application.company_id).phone == "03-1234-5678"
    assert upload(client, application, "licence_certificate").status_code == 403
    file_id = Attachment.select().first().id
    assert client.post(f"/apply/company/{application.id}/attachments/{file_id}/delete").status_code == 403


def test_one_person_pair_is_not_filed_half_alone(client, applicant):
    apply_one_person_operator(
        applicant,
        {"trade_name": "", "representative_name": "山田 一郎", "address": "埼玉県川口市1-1", "phone": "090-1111-2222"},
        {
            "family_name": "山田",
            "given_name": "一郎",
            "birth_date": dt.date(1980, 1, 1),
            "gender": "1",
            "address": "埼玉県川口市1-1",
            "phone": "090-1111-2222",
            "main_trade": "0201",
        },
        submit=False,
    )
    application = Application.get(kind="company")
    r = client.post(f"/apply/company/{application.id}/submit")
    assert r.status_code == 302 and reload(application).status == "draft"


# --- a returned application (不備) ---------------------------------------------------------------


@pytest.fixture
def returned(client, applicant):
    application = start(client)
    fill(client, application)
    client.post(f"/apply/company/{application.id}/submit")
    application = reload(application)
    application.return_with(
        f.reviewer(),
        [
            ("licence_number", "許可番号が証明書と違います。"),
            ("attachment:licence_certificate", "証明書の画像が不鮮明です。"),
        ],
    )
    return reload(application)


def test_returned_fields_are_shown_with_the_reviewer_message_and_only_they_are_editable(client, returned):
    page = client.get(f"/apply/company/{returned.id}/licence").text
    assert "許可番号が証明書と違います。" in page and "証明書の画像が不鮮明です。" in page
    assert 'name="licence_number"' in page
    for other in ("licence_authority", "licence_kind", "licence_trades", "has_licence"):
        assert f'name="{other}"' not in page
    assert 'data-testid="show-licence_authority"' in page and "東京都知事" in page
    basic = client.get(f"/apply/company/{returned.id}/basic").text
    assert "<input" not in basic.split("<main>")[1].split("</form>")[0].replace('name="csrf_token"', "")
    summary = client.get(f"/apply/company/{returned.id}/submit").text
    assert "許可番号が証明書と違います。" in summary and f"/apply/company/{returned.id}/licence" in summary


def test_fixing_changes_only_the_returned_field(client, returned):
    r = save(
        client,
        returned,
        "licence",
        {**LICENCE, "licence_number": "654321", "licence_authority": "00", "licence_trades": ["01"]},
    )
    assert r.status_code == 302
    company = Company.get_by_id(returned.company_id)
    assert company.licence_number == "654321"
    assert company.licence_authority == "13" and company.licence_trade_codes == ["05", "12"]
    r = save(client, returned, "basic", {**BASIC, "phone": "03-9999-9999"})
    assert r.status_code == 302 and Company.get_by_id(returned.company_id).phone == "03-1234-5678"


def test_bad_fix_keeps_what_was_typed(client, returned):
    r = save(client, returned, "licence", {"licence_number": "12345678"})
    assert r.status_code == 400 and "6桁以内の数字" in r.text and 'value="12345678"' in r.text


def test_returned_document_can_be_replaced_but_others_not(client, returned):
    seen = Attachment.get(Attachment.purpose == "licence_certificate")
    assert client.post(f"/apply/company/{returned.id}/attachments/{seen.id}/delete").status_code == 403
    assert upload(client, returned, "insurance_health").status_code == 403
    assert upload(client, returned, "licence_certificate", filename="new.png").status_code == 302
    new = Attachment.select().where(Attachment.filename == "new.png").get()
    page = client.get(f"/apply/company/{returned.id}/licence").text
    assert f"/apply/company/{returned.id}/attachments/{new.id}/delete" in page
    assert f"/apply/company/{returned.id}/attachments/{seen.id}/delete" not in page


def test_resubmission_is_the_next_round(client, returned):
    save(client, returned, "licence", {"licence_number": "654321"})
    upload(client, returned, "licence_certificate", filename="new.png")
    r = client.post(f"/apply/company/{returned.id}/submit")
    assert r.status_code == 302
    application = reload(returned)
    assert application.status == "submitted" and application.round == 2
    assert application.open_deficiencies() == []
    assert [e.action for e in application.history()][-1] == "resubmitted"


def test_a_returned_choice_opens_the_fields_that_depend_on_it(client, applicant):
    application = start(client)
    fill(client, application)
    client.post(f"/apply/company/{application.id}/submit")
    reload(application).return_with(f.reviewer(), [("has_licence", "許可の有効期限が切れています。")])
    page = client.get(f"/apply/company/{application.id}/licence").text
    assert 'name="has_licence"' in page and 'name="alt_document"' in page and 'name="alt_document_date"' in page
    r = save(
        client,
        application,
        "licence",
        {"has_licence": "no", "alt_document": "business_tax_return", "alt_document_date": _days_ago(20)},
    )
    assert r.status_code == 302
    assert not Company.get_by_id(application.company_id).has_licence
    assert upload(client, application, "alt_document", data=f.PDF_DATA, filename="tax.pdf").status_code == 302
    assert company_missing_sections(reload(application)) == []


def test_a_returned_entity_type_opens_the_name_and_the_whole_substitute_document(client, applicant):
    application = start(client)
    fill(client, application)
    client.post(f"/apply/company/{application.id}/submit")
    reload(application).return_with(f.reviewer(), [("entity_type", "登記簿では個人事業主です。")])
    basic = client.get(f"/apply/company/{application.id}/basic").text
    assert 'name="entity_type"' in basic and 'name="name"' in basic and 'name="phone"' not in basic
    licence = client.get(f"/apply/company/{application.id}/licence").text
    for name in ("alt_document", "alt_document_date"):
        assert f'name="{name}"' in licence
    assert 'name="licence_number"' not in licence
    assert 'id="file-alt_document"' in licence and 'id="file-licence_certificate"' not in licence
