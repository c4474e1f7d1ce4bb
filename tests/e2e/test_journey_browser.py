"""The whole step-1 journey clicked through in Chromium, at a phone and at a desktop viewport.

一人親方 signs up and applies → reviewer approves → prime opens a site, invites, registers a reader →
一人親方 (as company) accepts and fills the roster via htmx → reader posts touches → the day shows in
the worker's history and on the prime's daily list (and once in English).
"""

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from models import Account, Application, Card, Company, Worker
from models.core import clock
from tests import factories as f
from tests.e2e import onboarding_journey as journey
from tests.e2e.browser_steps import log_in

EMAIL = "taro@example.jp"
PASSWORD = journey.PASSWORD
SITE_NAME = "A邸住宅新築工事"


def _pay_registration_fees(app, email):
    """From step 2 on, a worker's card waits for the registration fee: record the payment as staff
    would (the journey has no payment screen). A no-op on an app without fees (step 1)."""
    pay = getattr(f, "pay", None)
    if pay is None:
        return
    with app.app_context():
        for application in Application.of_applicant(Account.by_email(email)):
            invoice = application.invoice()
            if invoice is not None and not invoice.paid:
                pay(invoice)


def _switch_role(page, label):
    page.get_by_test_id("role-switch").click()
    expect(page).to_have_url(re.compile(r"/switch$"))
    page.get_by_role("radio", name=label).check()
    page.get_by_role("button", name="切り替える").click()


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_step1_journey_in_the_browser(app, ui, outbox, viewport):
    reviewer = f.reviewer()
    _prime, prime_admin = f.company(name="元請建設株式会社")

    # (1) 一人親方: from the landing page to both applications submitted (the journey bench/onboarding.py
    # measures: sign up, confirm by mail, three steps and the combined review).
    op = ui.page_for("operator")
    person = journey.Person(email=EMAIL)
    tally = journey.run(op, lambda email: journey.confirm_link(outbox.last_to(email)), person)
    assert len(tally.screens) <= 8, "\n".join(tally.lines())
    mail = outbox.last_to(EMAIL)
    assert "メールアドレスの確認" in mail["Subject"]
    expect(op).to_have_url(re.compile(r"/apply/$"))
    expect(op.get_by_text("審査中")).to_have_count(2)
    ui.shot(op, "applied")

    # (2) Reviewer, in a browser context of their own, approves both applications.
    rv = ui.page_for("reviewer")
    log_in(rv, reviewer.email, f.PASSWORD)
    expect(rv).to_have_url(re.compile(r"/reviewer/$"))
    queue = rv.locator("ul.list li.queue-item")
    expect(queue).to_have_count(2)
    ui.shot(rv, "review-queue")
    for kind in ("事業者", "技能者"):
        rv.locator("li.queue-item .queue-main", has_text=kind).get_by_role("link", name="山田 太郎").click()
        expect(rv.get_by_role("heading", name=f"{kind}登録申請")).to_be_visible()
        ui.shot(rv, f"review-{'company' if kind == '事業者' else 'worker'}")
        rv.get_by_role("button", name="承認してIDを発行する").click()
        approved = f"山田 太郎 の{kind}登録を承認し、{kind}ID"
        expect(rv.get_by_text(re.compile(approved + r" \d{14} を発行しました。"))).to_be_visible()
    expect(rv.get_by_text("審査待ちの申請はありません。")).to_be_visible()
    ui.shot(rv, "review-done")
    subjects = [m["Subject"] for m in outbox.messages()]
    assert any("事業者登録が完了" in s for s in subjects) and any("技能者登録が完了" in s for s in subjects)

    _pay_registration_fees(app, EMAIL)
    sub = Company.get(Company.entity_type == "one_person")
    worker = Worker.get(Worker.family_name == "山田")
    assert sub.business_id and worker.worker_id and worker.family_kana == "ヤマダ"

    # (3) Prime contractor: opens a masked site, invites the 一人親方 by 事業者ID, registers a reader.
    pr = ui.page_for("prime")
    log_in(pr, prime_admin.email, f.PASSWORD)
    expect(pr).to_have_url(re.compile(r"/company/$"))
    pr.get_by_role("link", name="現場・施工体制").click()
    pr.get_by_role("link", name="現場を登録する").click()
    pr.get_by_label("現場名").fill(SITE_NAME)
    pr.get_by_role("radio", name="民間").check()
    pr.get_by_role("radio", name="なし", exact=True).check()
    pr.get_by_label("就業履歴蓄積期間（開始）").fill("2026-11-01")
    pr.get_by_text("契約情報（任意）").click()
    pr.get_by_label("施工場所").fill("東京都世田谷区")
    ui.shot(pr, "site-new")
    pr.get_by_role("button", name="登録して現場IDを発行する").click()
    expect(pr.get_by_role("heading", name=SITE_NAME)).to_be_visible()
    site_pk = int(re.search(r"/prime/sites/(\d+)$", pr.url).group(1))
    pr.get_by_label("下請にする事業者の事業者ID（14桁）").fill(sub.business_id)
    pr.get_by_role("button", name="下請として招待する").click()
    expect(pr.get_by_text("山田 太郎 を1次下請として招待しました。", exact=False)).to_be_visible()
    expect(pr.get_by_test_id("tree-node").filter(has_text=sub.business_id)).to_contain_text("承認待ち")
    ui.shot(pr, "site-invited")
    pr.get_by_label("カードリーダー名").fill("正門")
    pr.get_by_role("button", name="カードリーダーを登録する").click()
    token = pr.get_by_test_id("reader-token").inner_text().strip()
    assert token.startswith("cr_")
    ui.shot(pr, "reader-token")

    # (4) 一人親方 logs in again, switches to the company role, accepts, fills the roster via htmx.
    op.get_by_role("button", name="ログアウト").click()
    expect(op).to_have_url(re.compile(r"/login$"))
    log_in(op, EMAIL, PASSWORD)
    expect(op).to_have_url(re.compile(r"/worker/$"))
    expect(op.get_by_test_id("card")).to_contain_text(worker.worker_id)
    ui.shot(op, "worker-card")
    _switch_role(op, "事業者: 山田 太郎")
    expect(op).to_have_url(re.compile(r"/company/$"))
    expect(op.get_by_test_id("business-id")).to_have_text(sub.business_id)
    expect(op.locator("ul.list li", has_text=SITE_NAME)).to_contain_text("元請建設株式会社")
    ui.shot(op, "company-invited")
    op.get_by_role("button", name="参加を承認する").click()
    expect(op.get_by_role("heading", name="作業員名簿")).to_be_visible()
    expect(op.get_by_text(f"「{SITE_NAME}」への参加を承認しました。")).to_be_visible()
    roster_url = op.url
    navigations = []
    op.on("framenavigated", lambda frame: navigations.append(frame.url) if frame == op.main_frame else None)
    op.wait_for_load_state("load")  # htmx must be listening, or the form posts as a whole page
    op.evaluate("() => { window.__noReload = 'still-here'; }")
    op.get_by_label(f"山田 太郎（{worker.worker_id}）").check()
    op.get_by_label("立場", exact=True).select_option(label="職長")
    op.get_by_label("職種", exact=True).select_option(label="型枠工（CareerUp独自コード）")
    ui.shot(op, "roster-form")
    with op.expect_response(lambda r: r.request.method == "POST" and r.url.endswith("/roster")) as posted:
        op.get_by_role("button", name="名簿に追加").click()
    assert posted.value.ok and posted.value.request.headers.get("hx-request") == "true"
    expect(op.get_by_test_id("roster-list")).to_contain_text("職長 · 型枠工")
    expect(op.get_by_test_id("roster-list")).to_contain_text(worker.worker_id)
    assert op.evaluate("() => window.__noReload") == "still-here", "the roster page was reloaded"
    assert navigations == [] and op.url == roster_url
    expect(op.get_by_text(f"「{SITE_NAME}」への参加を承認しました。")).to_be_visible()  # a reload drops the flash
    expect(op.get_by_test_id("roster-row")).to_have_count(1)
    ui.shot(op, "roster-added")

    # (5) The reader posts an entry and an exit touch for the worker's card.
    day = clock.now_jst().date() - dt.timedelta(days=1)  # yesterday: 17:31 today may be in the future
    card = Card.current_for(Worker.get_by_id(worker.id))
    card.enrol_serial("012E4CD2A1B2C3D4")  # staff enrolled the physical card when they made it
    site_id = pr.get_by_test_id("site-id").inner_text().split()[-1]
    touches = [
        {
            "event_id": f"e2e-{direction}",
            "site_id": site_id,
            "card": card.idm,
            "direction": direction,
            "at": f"{day.isoformat()}T{hhmm}:00+09:00",
        }
        for direction, hhmm in (("in", "08:02"), ("out", "17:31"))
    ]
    response = ui.api.post("/api/v1/touches", data={"touches": touches}, headers={"Authorization": f"Bearer {token}"})
    assert response.status == 200, response.text()
    assert [r["status"] for r in response.json()["results"]] == ["created", "created"], response.json()

    # (6) The worker sees the day in their history; the prime sees it on the site's daily list.
    _switch_role(op, "技能者: 山田 太郎")
    expect(op).to_have_url(re.compile(r"/worker/$"))
    op.get_by_role("link", name="すべての就業履歴").click()
    expect(op.get_by_role("heading", name="就業履歴")).to_be_visible()
    expect(op.get_by_text("就業日数: 1日")).to_be_visible()
    row = op.locator("tbody tr").first
    for text in (day.strftime("%Y/%m/%d"), SITE_NAME, "型枠工", "職長", "08:02–17:31"):
        expect(row).to_contain_text(text)
    ui.shot(op, "worker-history")

    pr.goto(f"/prime/sites/{site_pk}/daily?date={day.isoformat()}")
    expect(pr.get_by_text("1名")).to_be_visible()
    row = pr.locator("tbody tr").first
    for text in ("山田 太郎", "型枠工", "職長", "08:02–17:31"):
        expect(row).to_contain_text(text)
    ui.shot(pr, "prime-daily")
    pr.get_by_role("link", name="English").click()
    expect(pr.locator("html")).to_have_attribute("lang", "en")
    expect(pr).to_have_url(re.compile(rf"/prime/sites/{site_pk}/daily\?date={day.isoformat()}$"))
    expect(pr.locator("tbody tr").first).to_contain_text("Formwork carpenter")
    expect(pr.get_by_role("link", name="日本語")).to_be_visible()
    ui.shot(pr, "prime-daily-en")
