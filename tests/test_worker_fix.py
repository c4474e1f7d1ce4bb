"""The worker application after the first draft: the one-person operator's pair filed in one step,
the fix after a return (不備) where only the returned fields open, and the applicant's portal."""

import datetime as dt
import re

import pytest

from models import Attachment, Company, Worker
from tests import factories as f
from tests import test_worker_application as steps
from tests.test_worker_application import (
    CONTACT,
    IDENTITY,
    add_row,
    approve_and_pay,
    files,
    fill,
    fill_own_company,
    jpeg,
    reload,
    save,
    start,
)

PAY = f.SUBMIT  # the agreement to the texts and the fee's method

applicant, employer = steps.applicant, steps.employer  # the same fixtures as the first steps


# --- one-person operator ------------------------------------------------------------------------


def test_one_person_operator_files_company_and_worker_in_one_step(client, applicant, employer):
    application = start(client, {**IDENTITY, **CONTACT}, one_person=True, trade_name="")
    company = application.partner.company
    assert company.entity_type == "one_person" and company.name == "山田 太郎"
    # The main employer is their own company (Q5-8); other employers can be added.
    rows = client.get(f"/apply/worker/{application.id}/affiliation").text
    assert "山田 太郎" in rows and 'value="main"' not in rows
    r = add_row(client, application, "employers", {"business_id": employer.business_id, "kind": "main"})
    assert r.status_code == 400
    r = add_row(client, application, "employers", {"business_id": employer.business_id, "kind": "other"})
    assert r.status_code == 200
    fill(client, application)
    # The pair is filed from the combined review, with the agreement to the texts (issue 11).
    consent = {"privacy": "y", "terms": "y", "payment_method": "konbini"}
    r = client.post(f"/apply/one-person/{application.id}/submit", data=consent)
    assert r.headers["Location"].endswith(f"/apply/one-person/{application.id}/review")
    review = client.get(r.headers["Location"]).text
    assert "事業者確認書類" in review and "許可業種" not in review.split('data-testid="missing"')[1].split("</div>")[0]
    assert reload(application).status == "draft" and reload(application.partner).status == "draft"
    partner = application.partner
    fill_own_company(client, partner)
    r = client.post(f"/apply/one-person/{application.id}/submit", data=consent)
    assert r.status_code == 302 and r.headers["Location"].endswith("/apply/")
    assert reload(application).status == "submitted" and reload(partner).status == "submitted"
    portal = client.get("/apply/").text
    assert portal.count("審査中") == 2
    reviewer = f.reviewer()
    for item in (partner, application):
        f.pay(reload(item).approve(reviewer, dt.date.today()))
    worker = Worker.get_by_id(application.worker_id)
    affiliations = [(a.company_id, a.is_main) for a in worker.current_affiliations()]
    assert affiliations == [(company.id, True), (employer.id, False)]


def test_one_person_start_keeps_what_was_typed(client, applicant):
    r = client.post("/apply/one-person", data={**IDENTITY, "birth_date": "", "trade_name": "山田工業"})
    assert r.status_code == 400 and "生年月日を正しく" in r.text and 'value="山田工業"' in r.text
    assert Company.select().count() == 0


# --- deficiencies (不備) ------------------------------------------------------------------------


@pytest.fixture
def returned(client, applicant, employer):
    application = start(client)
    fill(client, application, employer)
    client.post(f"/apply/worker/{application.id}/submit", data=PAY)
    reload(application).return_with(
        f.reviewer(),
        [
            ("family_kana", "在留カードの表記と違います。"),
            ("attachment:face_photo", "背景が写っています。撮り直してください。"),
        ],
    )
    return reload(application)


def test_returned_application_shows_exactly_the_returned_fields_with_messages(client, returned):
    overview = client.get(f"/apply/worker/{returned.id}").text
    assert "在留カードの表記と違います。" in overview and "背景が写っています。" in overview
    assert "修正して再申請する" in overview
    identity = client.get(f"/apply/worker/{returned.id}/identity").text
    assert 'name="family_kana"' in identity and "在留カードの表記と違います。" in identity
    assert 'name="family_name"' not in identity and 'data-testid="show-family_name"' in identity
    assert 'name="given_kana"' not in identity
    docs = client.get(f"/apply/worker/{returned.id}/documents").text
    assert 'name="face_photo"' in docs and 'name="id_image"' not in docs and 'name="id_document"' not in docs
    contact = client.get(f"/apply/worker/{returned.id}/contact").text
    assert 'name="address"' not in contact and 'name="phone"' not in contact and "一時保存" not in contact
    assert "埼玉県川口市本町1-1" in contact  # shown, not editable


def test_only_returned_fields_change_and_the_fix_is_resubmitted(client, returned):
    r = save(client, returned, "identity", {**IDENTITY, "family_name": "別人", "family_kana": "yamada"})
    assert r.status_code == 400 and "カタカナ" in r.text and 'value="yamada"' in r.text
    r = save(client, returned, "identity", {**IDENTITY, "family_name": "別人", "family_kana": "ヤマタ"})
    assert r.status_code == 302
    worker = reload(returned).worker
    assert (worker.family_name, worker.family_kana) == ("山田", "ヤマタ")
    r = save(client, returned, "contact", {**CONTACT, "address": "別の住所"})
    assert r.status_code == 302 and reload(returned).worker.address == CONTACT["address"]
    r = save(
        client, returned, "documents", {"id_document": "passport", **files(face_photo=(jpeg((600, 772)), "new.jpg"))}
    )
    assert r.status_code == 302
    assert reload(returned).worker.id_document == "driving_licence"
    assert Attachment.get(Attachment.purpose == "face_photo").filename == "new.jpg"
    r = add_row(client, returned, "trainings", {"name": "x"})
    assert r.status_code == 403
    r = client.post(f"/apply/worker/{returned.id}/submit", data=PAY)
    assert r.status_code == 302
    application = reload(returned)
    assert application.status == "submitted" and application.round == 2
    assert application.open_deficiencies() == []


# --- portal -------------------------------------------------------------------------------------


def test_portal_shows_each_state_and_where_to_go(client, applicant, employer):
    page = client.get("/apply/").text
    for entry in ("一人親方として申請する", "技能者として申請する", "事業者として申請する"):
        assert entry in page
    application = start(client)
    page = client.get("/apply/").text
    assert "下書き" in page and f"/apply/worker/{application.id}" in page and "技能者として申請する" not in page
    fill(client, application, employer)
    client.post(f"/apply/worker/{application.id}/submit", data=PAY)
    reload(application).return_with(f.reviewer(), [("phone", "つながりません。"), ("address", "番地がありません。")])
    page = client.get("/apply/").text
    assert "不備あり（2件）" in page and "不備を修正する" in page


def test_portal_shows_the_reviewers_corrections_after_approval(client, applicant, employer):
    application = start(client)
    fill(client, application, employer)
    client.post(f"/apply/worker/{application.id}/submit", data=PAY)
    reviewer = f.reviewer()
    type(application).update(channel="paper").where(
        type(application).id == application.id
    ).execute()  # 補記: paper only
    reload(application).correct(reviewer, "address", "埼玉県川口市本町一丁目1番", "運転免許証の表記に合わせました。")
    approved_worker = approve_and_pay(application, dt.date.today())
    page = client.get("/apply/").text
    corrections = page.split('data-testid="corrections"')[1]
    assert "住所" in corrections and "埼玉県川口市本町1-1 → 埼玉県川口市本町一丁目1番" in corrections
    assert "運転免許証の表記に合わせました。" in corrections
    assert approved_worker.worker_id in page


def test_sections_of_other_peoples_applications_are_not_found(client, applicant):
    other = f.account()
    other_client = client.application.test_client()
    f.login(other_client, other)
    theirs = start(other_client)
    for url in (f"/apply/worker/{theirs.id}", f"/apply/worker/{theirs.id}/identity"):
        assert client.get(url).status_code == 404
    assert client.post(f"/apply/worker/{theirs.id}/submit", data=PAY).status_code == 404
    assert add_row(client, theirs, "trainings", {"name": "x"}).status_code == 404
    assert client.get("/apply/worker/999999/identity").status_code == 404
    mine = start(client)
    assert client.get(f"/apply/worker/{mine.id}/nonsense").status_code == 404
    assert re.search(r"山田", client.get(f"/apply/worker/{mine.id}/identity").text)
