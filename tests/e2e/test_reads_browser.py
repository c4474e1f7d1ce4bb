"""The phone reads page in Chromium at phone size: a typed 技能者ID becomes a work record; reads made
offline wait in IndexedDB with a visible count and are sent when the network returns."""

import pytest
from playwright.sync_api import expect

from models import WorkRecord
from models.sites.records import Touch
from tests import factories as f
from tests.e2e.browser_steps import log_in


@pytest.fixture
def screenshot_prefix(viewport):
    return f"reads-{viewport}"


@pytest.mark.parametrize("viewport", ["phone"])
def test_phone_reads_queue_offline_and_send_when_back(ui, viewport):
    w = f.site_with_worker()
    page = ui.page_for("prime")
    log_in(page, w["prime_admin"].email, f.PASSWORD)
    page.goto(f"/prime/sites/{w['site'].id}/reads")
    expect(page.get_by_test_id("waiting")).to_have_text("0")
    page.get_by_label("技能者ID（14桁）を入力").fill(w["worker"].worker_id)
    page.get_by_role("button", name="記録する").click()
    expect(page.locator("#reads-log")).to_contain_text("就業履歴に記録しました")
    expect(page.get_by_test_id("waiting")).to_have_text("0")
    assert WorkRecord.select().count() == 1
    ui.shot(page, "typed")

    page.context.set_offline(True)
    page.get_by_label("退場").check()
    page.get_by_label("技能者ID（14桁）を入力").fill(w["worker"].worker_id)
    page.get_by_role("button", name="記録する").click()
    expect(page.get_by_test_id("waiting")).to_have_text("1")
    expect(page.locator("#reads-status")).to_contain_text("通信できません")
    ui.shot(page, "offline")
    assert Touch.select().count() == 1
    page.context.set_offline(False)
    expect(page.get_by_test_id("waiting")).to_have_text("0", timeout=20_000)
    assert Touch.select().count() == 2 and WorkRecord.get().last_out is not None
