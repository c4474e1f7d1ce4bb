"""The company application's submission once every section is complete, a one-person operator's pair
filed together, and the fix of a returned application (不備) where only the returned fields open."""

import datetime as dt

import pytest

from models import Application, Attachment, Company
from models.registration.applications import apply_one_person_operator
from models.registration.completeness import company_missing_fields
from tests import factories as f
from tests import test_company_application as steps
from tests.test_company_application import (
    BASIC,
    LICENCE,
    _days_ago,
    fill,
    reload,
    save,
    start,
    upload,
)

PAY = f.SUBMIT  # the agreement to the texts and the fee's method

applicant = steps.applicant  # the same fixture as the first steps


# --- submitting --------------------------------------------------------------------------------


def test_incomplete_application_lists_the_missing_sections_with_links(client, applicant):
    application = start(client)
    save(client, application, "basic", BASIC)
    r = client.post(f"/apply/company/{application.id}/submit", data=PAY)
    assert r.status_code == 400
    for section in ("licence", "officer", "insurance"):
        assert f'href="/apply/company/{application.id}/{section}"' in r.text
    assert "許可行政庁" in r.text or "事業者確認書類" in r.text
    assert reload(application).status == "draft"
    assert list(company_missing_fields(reload(application))) == ["licence", "officer", "insurance"]


def test_licence_without_its_certificate_is_incomplete(client, applicant):
    application = start(client)
    fill(client, application)
    Attachment.delete().where(Attachment.purpose == "licence_certificate").execute()
    assert list(company_missing_fields(reload(application))) == ["licence"]
    assert "建設業許可証明書・許可通知書" in client.get(f"/apply/company/{application.id}/submit").text


def test_q4_5_a_corporation_without_a_licence_attaches_its_tax_document_and_commercial_register(client, applicant):
    application = start(client)
    fill(client, application)
    no_licence = {
        "has_licence": "no",
        "alt_document": "tax_certificate_and_register",
        "alt_document_date": _days_ago(30),
    }
    assert save(client, application, "licence", no_licence).status_code == 302
    assert upload(client, application, "alt_document").status_code == 302  # the 納税証明書
    assert company_missing_fields(reload(application)) == {"licence": ["attachment:commercial_register"]}
    page = client.get(f"/apply/company/{application.id}/licence").text
    assert "履歴事項全部証明書" in page
    assert client.post(f"/apply/company/{application.id}/submit", data=PAY).status_code == 400
    assert upload(client, application, "commercial_register").status_code == 302
    assert not company_missing_fields(reload(application))
    assert client.post(f"/apply/company/{application.id}/submit", data=PAY).status_code == 302


def test_complete_application_is_submitted_and_then_read_only(client, applicant):
    application = start(client)
    fill(client, application)
    page = client.get(f"/apply/company/{application.id}/submit").text
    assert "すべての項目がそろっています" in page and "この内容で申請する" in page
    r = client.post(f"/apply/company/{application.id}/submit", data=PAY)
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
    r = client.post(f"/apply/company/{application.id}/submit", data=PAY)
    assert r.status_code == 302 and reload(application).status == "draft"


# --- a returned application (不備) ---------------------------------------------------------------


@pytest.fixture
def returned(client, applicant):
    application = start(client)
    fill(client, application)
    client.post(f"/apply/company/{application.id}/submit", data=PAY)
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
    r = client.post(f"/apply/company/{returned.id}/submit", data=PAY)
    assert r.status_code == 302
    application = reload(returned)
    assert application.status == "submitted" and application.round == 2
    assert application.open_deficiencies() == []
    assert [e.action for e in application.history()][-1] == "resubmitted"


def test_a_returned_choice_opens_the_fields_that_depend_on_it(client, applicant):
    application = start(client)
    fill(client, application)
    client.post(f"/apply/company/{application.id}/submit", data=PAY)
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
    assert list(company_missing_fields(reload(application))) == []


def test_a_returned_entity_type_opens_the_name_and_the_whole_substitute_document(client, applicant):
    application = start(client)
    fill(client, application)
    client.post(f"/apply/company/{application.id}/submit", data=PAY)
    reload(application).return_with(f.reviewer(), [("entity_type", "登記簿では個人事業主です。")])
    basic = client.get(f"/apply/company/{application.id}/basic").text
    assert 'name="entity_type"' in basic and 'name="name"' in basic and 'name="phone"' not in basic
    licence = client.get(f"/apply/company/{application.id}/licence").text
    for name in ("alt_document", "alt_document_date"):
        assert f'name="{name}"' in licence
    assert 'name="licence_number"' not in licence
    assert 'id="file-alt_document"' in licence and 'id="file-licence_certificate"' not in licence
