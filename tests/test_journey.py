"""The step-1 journey, one test per step, through the real routes."""

import datetime as dt
import re

from models import Account, Application, Card, Company, SiteContract, Worker
from models.core import clock
from models.core.ids import is_valid_id
from models.sites.records import WorkRecord
from models.sites.sites import RosterEntry
from tests import factories as f
from tests import test_worker_application as worker_application
from tests import test_worker_fix as worker_fix

PAY = f.SUBMIT  # the agreement to the texts and the fee's method

# The first page of the one-person operator's application: the worker's identity, address and the 商号.
APPLY_FORM = {
    "trade_name": "",
    "family_name": "山田",
    "given_name": "太郎",
    "middle_name": "",
    "family_kana": "やまだ",
    "given_kana": "タロウ",
    "birth_date": "1985-04-01",
    "gender": "1",
    "nationality": "日本",
    "blood_type": "A",
    "postal_code": "332-0012",
    "address": "埼玉県川口市本町1-1",
    "phone": "090-1111-2222",
}


def _link(mail, path):
    body = mail.get_content()
    match = re.search(r"https?://[^\s]+(%s[^\s]+)" % re.escape(path), body)
    assert match, body
    return match.group(1)


def test_signup_confirm_and_apply_as_one_person_operator(client, outbox):
    r = client.post(
        "/signup",
        data={
            "display_name": "山田 太郎",
            "email": "Taro@Example.jp",
            "password": "long-password-1",
            "password2": "long-password-1",
        },
    )
    assert r.status_code == 200 and "taro@example.jp" in r.text
    mail = outbox.last_to("taro@example.jp")
    assert "メールアドレスの確認" in mail["Subject"]
    # Unconfirmed accounts cannot log in yet.
    r = client.post("/login", data={"email": "taro@example.jp", "password": "long-password-1"})
    assert r.status_code == 403 and "確認が済んでいません" in r.text
    r = client.get(_link(mail, "/confirm/"))
    assert r.status_code == 302 and r.headers["Location"].endswith("/apply/")
    r = client.post("/apply/one-person", data=APPLY_FORM)
    assert r.status_code == 302
    account = Account.by_email("taro@example.jp")
    company = Company.get()
    worker = Worker.get()
    assert company.entity_type == "one_person"
    assert company.name == "山田 太郎"  # no 屋号: the representative's name is the 商号
    assert worker.family_kana == "ヤマダ"  # hiragana became katakana
    assert [a.company_id for a in worker.current_affiliations()] == [company.id]
    assert worker.current_affiliations()[0].is_main
    assert {a.kind for a in Application.of_applicant(account)} == {"company", "worker"}
    assert client.get("/apply/").text.count("下書き") == 2
    # The remaining sections of both halves, then one submission files both.
    application = Application.get(Application.kind == "worker")
    worker_application.fill(client, application)
    worker_fix.fill_own_company(client, application.partner)
    r = client.post(f"/apply/one-person/{application.id}/submit", data=PAY)
    assert r.status_code == 302
    portal = client.get("/apply/")
    assert portal.text.count("審査中") == 2


def test_trade_name_is_kept_when_given(client):
    f.login(client, f.account(email="sato@example.jp"))
    client.post(
        "/apply/one-person", data={**APPLY_FORM, "trade_name": "佐藤工業", "trade_name_kana": "サトウコウギョウ"}
    )
    assert Company.get().name == "佐藤工業"


def test_reviewer_approves_both_and_ids_card_and_mail_follow(client, outbox):
    account, company, worker = f.one_person(approved=False)
    reviewer = f.reviewer()
    f.login(client, reviewer)
    queue = client.get("/reviewer/")
    assert queue.status_code == 200
    assert queue.text.count("山田 太郎") == 2
    for application in Application.of_applicant(account):
        detail = client.get(f"/reviewer/applications/{application.id}")
        assert "山田" in detail.text
        r = client.post(f"/reviewer/applications/{application.id}/approve")
        assert r.status_code == 302
    company, worker = Company.get_by_id(company.id), Worker.get_by_id(worker.id)
    assert is_valid_id(company.business_id) and is_valid_id(worker.worker_id)
    assert len(worker.worker_id) == 14 and len(company.business_id) == 14
    worker_app = Application.get(kind="worker")
    assert Card.current_for(worker) is None  # the card waits for the registration fee
    assert worker_app.invoice().amount == 2500 and Application.get(kind="company").invoice().paid  # 一人親方: 0 yen
    f.pay(worker_app.invoice())
    card = Card.current_for(worker)
    assert card.level == 1 and card.colour == "white"
    assert card.valid_until == clock.today().replace(year=clock.today().year + 10) - dt.timedelta(days=1)
    assert worker.worker_id in outbox.last_to(account.email).get_content()
    subjects = [m["Subject"] for m in outbox.messages()]
    assert any("事業者登録が完了" in s for s in subjects) and any("技能者登録が完了" in s for s in subjects)
    assert "審査待ちの申請はありません" in client.get("/reviewer/").text


def test_card_without_an_identity_document_is_valid_three_years(app):
    account, company, worker = f.one_person(approved=False)
    Worker.update(id_document="none").where(Worker.id == worker.id).execute()
    for application in Application.of_applicant(account):
        from models.registration.settlement import settle

        settle(application.approve(f.reviewer(), dt.date(2026, 11, 25)), None, dt.date(2026, 11, 25))
    assert Card.current_for(worker).valid_until == dt.date(2029, 11, 24)


def test_prime_opens_masked_site_and_invites_subcontractor(client):
    prime, admin = f.company(name="元請建設株式会社")
    _acc, sub, _worker = f.one_person()
    f.login(client, admin)
    r = client.post(
        "/prime/sites",
        data={
            "name": "A邸住宅新築工事",
            "order_type": "private",
            "hazardous": "0",
            "accrual_starts_on": "2026-11-01",
            "address": "東京都世田谷区",
        },
    )
    assert r.status_code == 302
    site_page = client.get(r.headers["Location"])
    assert "A邸住宅新築工事" in site_page.text
    site = prime.sites.get()
    assert is_valid_id(site.site_id)
    r = client.post(f"/prime/sites/{site.id}/subcontractors", data={"business_id": sub.business_id})
    assert r.status_code == 302
    contract = SiteContract.get(site=site, company=sub)
    assert contract.tier == 1 and contract.status == "invited"


def test_subcontractor_accepts_and_adds_worker_to_roster_with_htmx(client):
    contract, worker = f.invited_operator(client, "○○改築工事")
    assert "参加を承認する" in client.get("/company/").text
    client.post(f"/company/contracts/{contract.id}/accept")
    r = client.post(
        f"/company/contracts/{contract.id}/roster",
        data={"worker": str(worker.id), "position": "1", "trade": "0201"},
        headers={"HX-Request": "true", "HX-Target": "roster"},
    )
    assert r.status_code == 200
    # Only the new row, plus the count, message and the candidates out of band (not the whole roster, not
    # the form: the position and trade chosen stay for the next worker).
    assert r.text.lstrip().startswith('<article class="card roster-row"') and "<html" not in r.text
    assert r.text.count('data-testid="roster-row"') == 1
    assert "職長" in r.text and "型枠工" in r.text
    assert "山田 太郎 を名簿に追加しました" in r.text
    assert 'id="roster-counts" data-testid="roster-counts" hx-swap-oob="true"' in r.text
    assert 'id="roster-form"' not in r.text
    oob = '<div id="candidates" data-testid="candidates" hx-swap-oob="true">'
    assert oob in r.text and "checked" not in r.text.split(oob)[1]
    assert "HX-Request" in r.headers.get("Vary", "")
    entry = RosterEntry.get()
    assert (entry.worker_id, entry.position, entry.trade) == (worker.id, "1", "0201")


def test_touches_make_a_work_record_seen_by_worker_and_prime(client):
    w = f.site_with_worker()
    day = f.days_ago(1)
    payload = {
        "touches": [
            {
                "event_id": "e1",
                "site_id": w["site"].site_id,
                "card": w["card"].idm,
                "direction": "in",
                "at": f"{day}T08:02:00+09:00",
            },
            {
                "event_id": "e2",
                "site_id": w["site"].site_id,
                "card": w["card"].idm,
                "direction": "out",
                "at": f"{day}T08:31:00Z",
            },  # 17:31 JST
        ]
    }
    r = client.post("/api/v1/touches", json=payload, headers={"Authorization": f"Bearer {w['token']}"})
    assert r.status_code == 200, r.json
    assert [x["status"] for x in r.json["results"]] == ["created", "created"]
    record = WorkRecord.get()
    assert record.work_date == day and (record.trade, record.position) == ("0201", "1")
    assert record.first_in.strftime("%H:%M") == "08:02" and record.last_out.strftime("%H:%M") == "17:31"
    f.login(client, w["account"])
    client.post("/switch", data={"target": "worker"})
    history = client.get("/worker/history")
    assert day.strftime("%Y/%m/%d") in history.text and "A邸住宅新築工事" in history.text and "08:02" in history.text
    client.post("/logout")
    f.login(client, w["prime_admin"])
    daily = client.get(f"/prime/sites/{w['site'].id}/daily?date={day}")
    assert "山田 太郎" in daily.text and "型枠工" in daily.text and "17:31" in daily.text


def test_touch_resend_is_idempotent(client):
    w = f.site_with_worker()
    item = {
        "event_id": "same",
        "site_id": w["site"].site_id,
        "card": w["card"].idm,
        "direction": "in",
        "at": clock.now_jst().isoformat(),
    }
    headers = {"Authorization": f"Bearer {w['token']}"}
    first = client.post("/api/v1/touches", json={"touches": [item]}, headers=headers)
    again = client.post("/api/v1/touches", json={"touches": [item]}, headers=headers)
    assert first.json["results"][0]["status"] == "created"
    assert again.json["results"][0]["status"] == "duplicate"
    assert WorkRecord.select().count() == 1


def test_same_person_switches_roles_without_logging_in_again(client):
    account, company, worker = f.one_person()
    f.login(client, account)
    assert client.get("/worker/").status_code == 200
    switch = client.get("/switch")
    assert "技能者: 山田 太郎" in switch.text and "事業者: 山田 太郎" in switch.text
    r = client.post("/switch", data={"target": f"company:{company.id}"})
    assert r.headers["Location"].endswith("/company/")
    assert company.business_id in client.get("/company/").text
    r = client.post("/switch", data={"target": "worker"})
    assert r.headers["Location"].endswith("/worker/")
    assert worker.worker_id in client.get("/worker/").text


def test_the_header_names_the_active_role_and_a_company_page_reads_no_roles_for_it(client):
    from extensions import db

    account, company, _worker = f.one_person()
    f.login(client, account)
    assert "切替: 技能者: 山田 太郎" in client.get("/worker/").text
    client.post("/switch", data={"target": f"company:{company.id}"})
    seen = []
    db.obj.query_hooks.append(seen.append)
    try:
        page = client.get("/company/").text
    finally:
        db.obj.query_hooks.remove(seen.append)
    assert "切替: 事業者: 山田 太郎" in page
    # the company was read by the request's gate; the header does not look up every identity again
    assert not [q.sql for q in seen if 'FROM "worker" AS "t1" WHERE ("t1"."account_id" = ?)' in q.sql]


def test_after_retirement_touches_count_without_the_former_employers_trade(client):
    from models.accounts.workers import Affiliation
    from models.registration.changes import retire

    w = f.site_with_worker()
    headers = {"Authorization": f"Bearer {w['token']}"}
    item = {"site_id": w["site"].site_id, "card": w["card"].idm, "direction": "in"}
    client.post(
        "/api/v1/touches",
        json={"touches": [{**item, "event_id": "a", "at": f"{f.days_ago(10)}T08:00:00+09:00"}]},
        headers=headers,
    )
    retire(Affiliation.get(worker=w["worker"], company=w["sub"]), f.days_ago(5))
    client.post(
        "/api/v1/touches",
        json={"touches": [{**item, "event_id": "b", "at": f"{f.days_ago(1)}T08:00:00+09:00"}]},
        headers=headers,
    )
    before, after = WorkRecord.select().order_by(WorkRecord.work_date)
    assert (before.trade, before.company_id) == ("0201", w["sub"].id)
    assert (after.trade, after.position, after.company_id) == ("", "", None)


def test_an_expired_card_is_refused_at_the_reader(client):
    from models import Card

    w = f.site_with_worker()
    Card.update(valid_until=f.days_ago(2)).where(Card.id == w["card"].id).execute()
    item = {
        "event_id": "x1",
        "site_id": w["site"].site_id,
        "card": w["card"].idm,
        "direction": "in",
        "at": f"{f.days_ago(1)}T08:00:00+09:00",
    }
    r = client.post("/api/v1/touches", json={"touches": [item]}, headers={"Authorization": f"Bearer {w['token']}"})
    assert r.json["results"][0]["error"]["code"] == "expired_card" and WorkRecord.select().count() == 0
