"""The company (事業者) application by the applicant: sections saved one by one, the seed's rules
(Q4-5 name and substitute documents, Q4-7 労災, Q4-8 雇用保険), Attachments:
test_company_attachments.py; submission and the fix of a returned application: test_company_submission.py."""

import datetime as dt

import pytest

from models import Application, Company, Membership
from models.core import clock
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
