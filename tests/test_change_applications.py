"""変更申請 (Q2-1): the worker or the company edits a section prefilled with the registered values,
sees old and new side by side, sends; a reviewer approves or returns it."""

import datetime as dt

import pytest

from models import ChangeRequest, Company, Membership, Worker
from models.registration.changes import ChangeError
from tests import factories as f
from tests import test_changes
from tests.test_changes import client_for, current

worker_side = test_changes.worker_side  # the same fixture as the linking tests


# --- 変更申請 -----------------------------------------------------------------------------------


def test_worker_change_shows_old_and_new_then_waits_for_review(worker_side):
    acc, _company, worker, client = worker_side
    index = client.get("/worker/changes")
    assert index.status_code == 200 and "住所・連絡先" in index.text
    form = client.get("/worker/changes/new?section=contact")
    assert "埼玉県川口市1-1" in form.text  # prefilled with the registered address
    data = {**current(worker, "contact"), "address": "埼玉県さいたま市浦和区2-2"}
    confirm = client.post("/worker/changes/new?section=contact", data={**data, "step": "confirm"})
    assert confirm.status_code == 200
    assert "埼玉県川口市1-1" in confirm.text and "埼玉県さいたま市浦和区2-2" in confirm.text
    assert ChangeRequest.select().count() == 0  # nothing sent yet

    back = client.post("/worker/changes/new?section=contact", data={**data, "step": "back"})
    assert 'value="埼玉県さいたま市浦和区2-2"' in back.text  # 戻る keeps what was typed

    sent = client.post("/worker/changes/new?section=contact", data={**data, "step": "send"})
    assert sent.status_code == 302
    change = ChangeRequest.get()
    assert change.status == "submitted" and change.change_items() == {
        "address": ["埼玉県川口市1-1", "埼玉県さいたま市浦和区2-2"]
    }
    assert Worker.get_by_id(worker.id).address == "埼玉県川口市1-1"  # unchanged until approved

    again = client.post("/worker/changes/new?section=contact", data={**data, "address": "別の住所", "step": "send"})
    assert again.status_code == 400 and "審査中の変更申請があります" in again.text
    assert ChangeRequest.select().count() == 1


def test_reviewer_approval_applies_the_change_and_mails_the_worker(app, worker_side, outbox):
    acc, _company, worker, client = worker_side
    client.post(
        "/worker/changes/new?section=contact",
        data={**current(worker, "contact"), "phone": "080-9999-0000", "step": "send"},
    )
    change = ChangeRequest.get()
    staff = client_for(app, f.reviewer())
    assert "山田 太郎" in staff.get("/reviewer/changes").text
    review = staff.get(f"/reviewer/changes/{change.id}")
    assert "090-1111-2222" in review.text and "080-9999-0000" in review.text
    assert staff.post(f"/reviewer/changes/{change.id}/approve").status_code == 302
    assert Worker.get_by_id(worker.id).phone == "080-9999-0000"
    assert ChangeRequest.get_by_id(change.id).status == "approved"
    assert "変更申請を承認しました" in outbox.last_to(acc.email)["Subject"]
    # Deciding twice is refused without touching anything.
    assert staff.post(f"/reviewer/changes/{change.id}/approve").status_code == 302
    assert ChangeRequest.select().where(ChangeRequest.status == "approved").count() == 1


def test_returned_change_leaves_the_registration_and_shows_the_note(app, worker_side, outbox):
    acc, _company, worker, client = worker_side
    client.post(
        "/worker/changes/new?section=identity",
        data={**current(worker, "identity"), "family_name": "山本", "step": "send"},
    )
    change = ChangeRequest.get()
    staff = client_for(app, f.reviewer())
    empty = staff.post(f"/reviewer/changes/{change.id}/return", data={"note": ""})
    assert empty.status_code == 400 and "差し戻しの理由を入力してください" in empty.text
    staff.post(f"/reviewer/changes/{change.id}/return", data={"note": "戸籍謄本の写しを添付してください"})
    assert Worker.get_by_id(worker.id).family_name == "山田"
    detail = client.get(f"/worker/changes/{change.id}")
    assert "差し戻し" in detail.text and "戸籍謄本の写しを添付してください" in detail.text
    mail = outbox.last_to(acc.email)
    assert "差し戻しました" in mail["Subject"] and "戸籍謄本の写し" in mail.get_content()
    # After a return a new application can be made.
    assert client.get("/worker/changes").text.count("審査中の変更申請があります") == 0


def test_birth_date_and_face_photo_cannot_be_changed(worker_side):
    acc, _company, worker, client = worker_side
    with pytest.raises(ChangeError) as err:
        ChangeRequest.file(worker, acc, {"birth_date": dt.date(1990, 1, 1)})
    assert err.value.code == "frozen"
    with pytest.raises(ChangeError):
        ChangeRequest.file(worker, acc, {"face_photo": "x"})
    assert "生年月日" in client.get("/worker/changes").text  # told which items are fixed
    assert client.get("/worker/changes/new?section=documents").status_code == 404
    # A birth date slipped into the identity form is not part of the application.
    client.post(
        "/worker/changes/new?section=identity",
        data={**current(worker, "identity"), "blood_type": "B", "birth_date": "1990-01-01", "step": "send"},
    )
    assert set(ChangeRequest.get().change_items()) == {"blood_type"}


def test_change_form_bad_input_and_nothing_changed(worker_side):
    _acc, _company, worker, client = worker_side
    data = {**current(worker, "contact"), "phone": "12345", "address": "新しい住所1-1", "step": "confirm"}
    r = client.post("/worker/changes/new?section=contact", data=data)
    assert r.status_code == 400 and "電話番号は0から始まる" in r.text
    assert 'value="新しい住所1-1"' in r.text
    r = client.post("/worker/changes/new?section=contact", data={**current(worker, "contact"), "step": "confirm"})
    assert r.status_code == 400 and "変更された項目がありません" in r.text
    r = client.post(
        "/worker/changes/new?section=insurance",
        data={**current(worker, "insurance"), "kentaikyo_number": "12345", "step": "confirm"},
    )
    assert r.status_code == 400 and "9桁" in r.text
    assert ChangeRequest.select().count() == 0


def test_furigana_stays_required_for_a_worker_whose_document_has_it(worker_side):
    _acc, _company, worker, client = worker_side
    r = client.post(
        "/worker/changes/new?section=identity",
        data={**current(worker, "identity"), "family_kana": "", "step": "confirm"},
    )
    assert r.status_code == 400 and "フリガナを入力してください" in r.text


def test_company_change_of_capital_and_insurance_number(app, outbox):
    company, admin = f.company()
    client = client_for(app, admin)
    bad = client.post(
        "/company/changes/new?section=insurance",
        data={
            **current(company, "insurance"),
            "employment_insurance": "enrolled",
            "employment_insurance_number": "13-1-01-123456-001",
            "step": "confirm",
        },
    )
    assert bad.status_code == 400 and "所掌" in bad.text  # Q4-8: 所掌 must be 3
    r = client.post(
        "/company/changes/new?section=basic",
        data={**current(company, "basic"), "capital": "12000000", "step": "confirm"},
    )
    assert r.status_code == 200 and "12,000,000円" in r.text
    client.post(
        "/company/changes/new?section=basic", data={**current(company, "basic"), "capital": "12000000", "step": "send"}
    )
    change = ChangeRequest.get()
    assert change.kind == "company"
    staff = client_for(app, f.reviewer())
    staff.post(f"/reviewer/changes/{change.id}/approve")
    assert Company.get_by_id(company.id).capital == 12_000_000
    assert "変更申請を承認しました" in outbox.last_to(admin.email)["Subject"]


def test_company_licence_change_needs_its_details(app):
    company, admin = f.company()
    client = client_for(app, admin)
    r = client.post(
        "/company/changes/new?section=licence",
        data={**current(company, "licence"), "has_licence": "y", "step": "confirm"},
    )
    # Was one generic message here and another per field on the application; now the application's (issue 6).
    assert r.status_code == 400
    for message in (
        "許可行政庁を選んでください",
        "一般（般）か特定（特）か",
        "許可番号を入力してください",
        "許可業種を1つ以上",
    ):
        assert message in r.text
    r = client.post(
        "/company/changes/new?section=licence",
        data={
            **current(company, "licence"),
            "has_licence": "y",
            "licence_authority": "13",
            "licence_kind": "general",
            "licence_number": "012345",
            "licence_trades": ["05", "12"],
            "step": "send",
        },
    )
    assert r.status_code == 302
    assert ChangeRequest.get().change_items()["licence_trades"] == ["", "05,12"]


def test_site_managers_cannot_file_company_changes(app):
    company, _admin = f.company()
    manager = f.account()
    Membership.create(account=manager, company=company, role="site_manager")
    client = client_for(app, manager)
    assert client.get("/company/changes").status_code == 403
    assert client.get("/company/affiliations").status_code == 403


@pytest.mark.parametrize("trade_name", ["", "山田工務店"])
def test_a_change_of_representative_keeps_the_trade_name_rule(app, trade_name):
    """Seed Q4-5: with no 屋号 the 商号 is the representative's name. An approved change of the
    representative left the old name as 商号 (the four other writers applied the rule, changes did not)."""
    acc, company, _worker = f.one_person()
    company.set_names(trade_name=trade_name)
    company.save()
    client = client_for(app, acc)
    client.post("/switch", data={"target": f"company:{company.id}"})
    data = {**current(company, "basic"), "representative_name": "山田 次郎", "step": "send"}
    assert client.post("/company/changes/new?section=basic", data=data).status_code == 302
    client_for(app, f.reviewer()).post(f"/reviewer/changes/{ChangeRequest.get().id}/approve")
    changed = Company.get_by_id(company.id)
    assert (changed.representative_name, changed.name) == ("山田 次郎", trade_name or "山田 次郎")
