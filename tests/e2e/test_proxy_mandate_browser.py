"""Q1-1 ②⑤ in Chromium at phone size: a proxy clerk names a worker by 技能者ID and birth date, asks for
consent in the app, the worker consents from their home page, and the clerk files the worker's change
application and a forgotten day; the worker sees both as filed by that company."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from models import ChangeRequest, Membership, WorkEntry
from models.core.clock import today
from tests import factories as f
from tests.e2e.browser_steps import log_in


@pytest.fixture
def screenshot_prefix(viewport):
    return f"proxy-mandate-{viewport}"


@pytest.mark.parametrize("viewport", ["phone"])
def test_worker_consents_in_the_app_and_the_clerk_files_a_change_and_a_day(app, ui, viewport):
    world = f.site_with_worker()
    worker = world["worker"]
    proxy, _owner = f.company(name="代行建設株式会社")
    clerk = f.account(name="代行 担当")
    Membership.create(account=clerk, company=proxy, role="proxy_clerk")

    page = ui.page_for("clerk")
    log_in(page, clerk.email, f.PASSWORD)
    page.goto("/company/")
    page.get_by_role("link", name="代行申請・一括申請").click()
    page.get_by_role("link", name="変更申請・就業履歴の代行").click()
    page.get_by_label("相手の技能者IDまたは事業者ID（14桁）").fill(worker.worker_id)
    page.get_by_label("技能者の生年月日").fill("1985-04-02")
    page.get_by_label("変更申請").check()
    page.get_by_label("就業履歴の入力代行（技能者のみ）").check()
    page.get_by_role("button", name="次へ（同意書の準備）").click()
    expect(page.get_by_test_id("mandate-error")).to_contain_text("登録が見つかりません")
    page.get_by_label("技能者の生年月日").fill("1985-04-01")
    page.get_by_role("button", name="次へ（同意書の準備）").click()
    expect(page.get_by_role("heading", name="代行: 山田 太郎")).to_be_visible()
    expect(page.get_by_role("link", name="記入済みの同意書（PDF）")).to_be_visible()
    page.get_by_test_id("mandate-ask").click()
    expect(page.get_by_test_id("mandate-state")).to_contain_text("本人がアプリで同意するのを待っています")
    ui.shot(page, "asked")

    own = ui.page_for("worker")
    log_in(own, world["account"].email, f.PASSWORD)
    own.get_by_test_id("proxy-filed-link").click()
    consents = own.get_by_test_id("proxy-consents")
    expect(consents).to_contain_text("代行建設株式会社")
    consents.get_by_role("button", name="この事業者による代行に同意する").click()
    expect(own.get_by_test_id("proxy-consents")).to_contain_text("同意済み")
    ui.shot(own, "worker-consented")

    page.reload()
    expect(page.get_by_test_id("mandate-state")).to_contain_text("山田 太郎 の同意を登録済みです（アプリで同意）")
    page.get_by_test_id("proxy-change-sections").get_by_role("link", name="住所・連絡先").click()
    expect(page.get_by_test_id("proxy-for")).to_contain_text("代行建設株式会社 が申請します")
    page.get_by_label("電話番号", exact=True).fill("080-1234-5678")
    page.get_by_role("button", name="確認").click()
    page.get_by_role("button", name="この内容で申請する").click()
    expect(page.get_by_test_id("proxy-changes")).to_contain_text("審査中")
    assert ChangeRequest.get().proxy_consent.proxy_company_id == proxy.id

    page.get_by_role("link", name="就業履歴の入力・訂正を代行する").click()
    page.get_by_label("就業日").fill((today() - dt.timedelta(days=1)).isoformat())
    page.get_by_label("理由").select_option("forgot_card")
    page.get_by_role("button", name="入力して承認を依頼").click()
    expect(page.get_by_test_id("entries")).to_contain_text("代行建設株式会社 が代行で入力")
    ui.shot(page, "day-entered")
    assert WorkEntry.get().entering_company_id == proxy.id

    own.goto("/worker/changes")
    expect(own.get_by_test_id("filed-by")).to_contain_text("代行建設株式会社 が代行で申請")
    own.goto("/worker/entries")
    expect(own.get_by_test_id("entered-by")).to_contain_text("代行建設株式会社 が代行で入力")
    ui.shot(own, "worker-sees-who-filed")
