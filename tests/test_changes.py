"""変更申請 (Q2-1), 関連付け with both sides agreeing (Q4-3, Q2-6), 退職 keeping all history (Q1-16)
and the affiliation certificate, through the real routes."""

import datetime as dt
import shutil
import subprocess

import pytest

from models import Affiliation, ChangeRequest, Company, LinkRequest, Membership, Worker
from models.changes import CHANGEABLE, ChangeError, certificate_facts, kind_of
from models.history import WorkRecord, record_touch
from models.sites import CardReader, RosterEntry, Site, SiteContract
from tests import factories as f


def current(subject, section):
    """The section's form as the page prefills it: today's registered values."""
    data = {}
    for name in CHANGEABLE[kind_of(subject)][section]:
        value = getattr(subject, name)
        if isinstance(value, bool):
            if value:
                data[name] = "y"
        elif name == "licence_trades":
            data[name] = subject.licence_trade_codes
        elif isinstance(value, dt.date):
            data[name] = value.isoformat()
        else:
            data[name] = "" if value is None else str(value)
    return data


def client_for(app, account):
    client = app.test_client()
    f.login(client, account)
    return client


@pytest.fixture
def worker_side(app):
    acc, company, worker = f.one_person()
    return acc, company, worker, client_for(app, acc)


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


# --- 関連付け -----------------------------------------------------------------------------------


def test_company_proposes_and_only_the_worker_can_agree(app, worker_side, outbox):
    acc, _own, worker, worker_client = worker_side
    employer, admin = f.company(name="雇用建設株式会社")
    company_client = client_for(app, admin)
    r = company_client.post("/company/links", data={"worker_id": worker.worker_id, "kind": "other"})
    assert r.status_code == 302
    assert worker.full_name not in company_client.get("/company/affiliations").text  # not before consent
    assert not Affiliation.select().where(Affiliation.company == employer).exists()
    assert "関連付けの申し込み" in outbox.last_to(acc.email)["Subject"]
    link = LinkRequest.get()
    # The proposer cannot agree on the worker's behalf.
    company_client.post(f"/company/links/{link.id}/accept")
    assert LinkRequest.get_by_id(link.id).status == "pending"
    assert not Affiliation.select().where(Affiliation.company == employer).exists()

    page = worker_client.get("/worker/affiliations")
    assert "雇用建設株式会社" in page.text
    worker_client.post(f"/worker/links/{link.id}/accept")
    assert Affiliation.get(Affiliation.company == employer).ended_on is None
    assert worker.full_name in company_client.get("/company/affiliations").text
    assert "承認されました" in outbox.last_to(admin.email)["Subject"]


def test_worker_proposes_by_business_id_and_the_company_declines_or_agrees(app, worker_side):
    _acc, _own, worker, worker_client = worker_side
    employer, admin = f.company(name="雇用建設株式会社")
    company_client = client_for(app, admin)
    worker_client.post("/worker/links", data={"business_id": employer.business_id, "kind": "other"})
    first = LinkRequest.get()
    assert first.proposed_by == "worker"
    worker_client.post(f"/worker/links/{first.id}/accept")  # not the worker's to accept
    assert LinkRequest.get_by_id(first.id).status == "pending"
    assert worker.full_name in company_client.get("/company/affiliations").text
    company_client.post(f"/company/links/{first.id}/decline")
    assert LinkRequest.get_by_id(first.id).status == "declined"
    assert not Affiliation.select().where(Affiliation.company == employer).exists()

    worker_client.post("/worker/links", data={"business_id": employer.business_id, "kind": "secondment"})
    second = LinkRequest.get(LinkRequest.status == "pending")
    company_client.post(f"/company/links/{second.id}/accept")
    affiliation = Affiliation.get(Affiliation.company == employer)
    assert affiliation.is_secondment and not affiliation.is_main  # 出向先; the origin stays main (Q1-14)


def test_link_form_bad_ids(app, worker_side):
    _acc, _own, worker, worker_client = worker_side
    r = worker_client.post("/worker/links", data={"business_id": "20000000000018", "kind": "other"})
    assert r.status_code == 400 and "14桁の数字" in r.text and 'value="20000000000018"' in r.text
    employer, admin = f.company()
    company_client = client_for(app, admin)
    r = company_client.post("/company/links", data={"worker_id": "１２３", "kind": "other"})
    assert r.status_code == 400 and "14桁の数字" in r.text
    f.link(worker, employer)
    r = company_client.post("/company/links", data={"worker_id": worker.worker_id, "kind": "other"})
    assert r.status_code == 400 and "既に関連付けされています" in r.text
    assert LinkRequest.select().count() == 1


def test_accepted_link_puts_the_worker_in_roster_choices(app, worker_side):
    _acc, _own, worker, _client = worker_side
    employer, admin = f.company()
    prime, _prime_admin = f.company(name="元請建設株式会社")
    site = Site.open(prime, name="B棟新築工事")
    contract = SiteContract.invite(site, prime, employer)
    contract.accept()
    client = client_for(app, admin)
    option = f"{worker.full_name}（{worker.worker_id}）"
    assert option not in client.get(f"/company/contracts/{contract.id}/roster").text
    f.link(worker, employer)
    assert option in client.get(f"/company/contracts/{contract.id}/roster").text


# --- 退職 ---------------------------------------------------------------------------------------


@pytest.fixture
def employed_with_history(app, worker_side):
    """The worker linked to an employer, on the employer's roster at a prime's site, with a day of work."""
    acc, _own, worker, worker_client = worker_side
    employer, admin = f.company(name="雇用建設株式会社")
    prime, prime_admin = f.company(name="元請建設株式会社")
    affiliation = f.link(worker, employer)
    site = Site.open(prime, name="C邸住宅新築工事")
    contract = SiteContract.invite(site, prime, employer)
    contract.accept()
    RosterEntry.add(contract, worker, position="3", trade="0201")
    reader, _token = CardReader.register(site, "正門")
    card = worker.cards.get()
    day = dt.datetime(2025, 6, 2, 8, 0)
    record_touch(reader, "e1", site.site_id, card.idm, "in", day)
    return {
        "worker": worker,
        "worker_client": worker_client,
        "employer": employer,
        "admin": admin,
        "prime": prime,
        "prime_admin": prime_admin,
        "affiliation": affiliation,
        "site": site,
        "contract": contract,
        "day": day.date(),
    }


def test_retirement_ends_the_affiliation_and_keeps_all_history(app, employed_with_history):
    w = employed_with_history
    company_client = client_for(app, w["admin"])
    page = company_client.get(f"/company/affiliations/{w['affiliation'].id}/retire")
    assert "就業履歴はすべてそのまま残ります" in page.text
    future = (dt.date.today() + dt.timedelta(days=3)).isoformat()
    r = company_client.post(f"/company/affiliations/{w['affiliation'].id}/retire", data={"ended_on": future})
    assert r.status_code == 400 and "未来の日付" in r.text
    r = company_client.post(
        f"/company/affiliations/{w['affiliation'].id}/retire", data={"ended_on": dt.date.today().isoformat()}
    )
    assert r.status_code == 302
    affiliation = Affiliation.get_by_id(w["affiliation"].id)
    assert affiliation.ended_on == dt.date.today() and affiliation.end_reason == "retired"

    # The registration and the work history stay, for the worker and for the prime for that period.
    worker = Worker.get_by_id(w["worker"].id)
    assert worker.approved and WorkRecord.select().where(WorkRecord.worker == worker).count() == 1
    history = w["worker_client"].get("/worker/history")
    assert "C邸住宅新築工事" in history.text
    assert "雇用建設株式会社" in w["worker_client"].get("/worker/affiliations").text  # listed as former
    prime_client = client_for(app, w["prime_admin"])
    daily = prime_client.get(f"/prime/sites/{w['site'].id}/daily?date={w['day'].isoformat()}")
    assert worker.full_name in daily.text

    # No longer the employer's: gone from the roster choices and the current list, and not re-addable.
    roster = company_client.get(f"/company/contracts/{w['contract'].id}/roster")
    assert f"{worker.full_name}（{worker.worker_id}）" not in roster.text  # the worker select's option
    RosterEntry.delete().execute()  # even with the old entry gone, the worker cannot be listed again
    r = company_client.post(
        f"/company/contracts/{w['contract'].id}/roster",
        data={"worker": str(worker.id), "position": "3", "trade": "0201"},
    )
    assert r.status_code == 400
    assert company_client.get(f"/company/affiliations/{w['affiliation'].id}/retire").status_code == 404


def test_retirement_takes_the_worker_off_rosters_where_they_have_not_worked(app, employed_with_history):
    w = employed_with_history
    other_site = Site.open(w["prime"], name="D棟改修工事")
    other = SiteContract.invite(other_site, w["prime"], w["employer"])
    other.accept()
    RosterEntry.add(other, w["worker"], position="3", trade="0201")
    client_for(app, w["admin"]).post(
        f"/company/affiliations/{w['affiliation'].id}/retire", data={"ended_on": dt.date.today().isoformat()}
    )
    on_rosters = {e.site_id for e in RosterEntry.select().where(RosterEntry.worker == w["worker"])}
    assert on_rosters == {w["site"].id}  # kept only where the work history needs it


# --- 技能者の所属に関する証明書 -------------------------------------------------------------------


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="pdftotext missing: apt-get install -y poppler-utils")
def test_affiliation_certificate_carries_the_business_id(app, worker_side, tmp_path):
    _acc, _own, worker, _client = worker_side
    employer, admin = f.company(name="証明建設株式会社")
    affiliation = f.link(worker, employer)
    r = client_for(app, admin).get(f"/company/affiliations/{affiliation.id}/certificate.pdf")
    assert r.status_code == 200 and r.mimetype == "application/pdf"
    path = tmp_path / "cert.pdf"
    path.write_bytes(r.data)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout
    assert "技能者の所属に関する証明書" in text
    assert employer.business_id in text and worker.worker_id in text
    assert "証明建設株式会社" in text and "山田 太郎" in text


def test_no_certificate_without_a_business_id(app, worker_side):
    _acc, _own, worker, _client = worker_side
    employer, admin = f.company()
    affiliation = f.link(worker, employer)
    Company.update(business_id=None).where(Company.id == employer.id).execute()
    with pytest.raises(ValueError):
        certificate_facts(Affiliation.get_by_id(affiliation.id))
    # A company without a 事業者ID does not get into the company screens at all.
    r = client_for(app, admin).get(f"/company/affiliations/{affiliation.id}/certificate.pdf")
    assert r.status_code == 403 and r.mimetype != "application/pdf"
