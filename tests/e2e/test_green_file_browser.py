"""The Green File data on a phone (390×844): a subcontractor enters its part of the 施工体制台帳; the
主任技術者 is picked from its own workers, that person's 資格 follow without a reload, and an
unqualified pick is flagged on save."""

import pytest
from playwright.sync_api import expect

from models.accounts.workers import Qualification
from tests import factories as f
from tests.e2e.browser_steps import log_in
from tests.sitetree import employee, three_tiers


@pytest.fixture
def screenshot_prefix(viewport):
    return f"green-file-{viewport}"


@pytest.mark.parametrize("viewport", ["phone"])
def test_the_ledger_part_is_entered_on_a_phone(app, ui, viewport):
    with app.app_context():
        t = three_tiers()
        chief = employee(t["first"], "主任", "一郎", experience_years=2)
        Qualification.create(worker=chief, kind="license", name="1級建築施工管理技士")
        Qualification.create(worker=chief, kind="tokubetsu", name="足場の組立て等特別教育")
        site_id, chief_id, email = t["site"].id, chief.id, t["admins"]["first"].email
    page = ui.page_for("first-tier")
    log_in(page, email, f.PASSWORD)
    page.goto(f"/company/sites/{site_id}/ledger")
    page.wait_for_load_state("load")
    page.get_by_label("現場代理人名").fill("代理 太郎")
    page.locator("#chief").select_option(str(chief_id))
    qualification = page.locator("#chief_qualification")
    expect(qualification.locator("option", has_text="足場の組立て等特別教育")).to_have_count(1)  # htmx refilled it
    expect(page.get_by_label("現場代理人名")).to_have_value("代理 太郎")  # what was typed stays
    qualification.select_option(label="足場の組立て等特別教育")
    page.get_by_role("button", name="保存する").click()
    expect(page.get_by_text("施工体制台帳の記載事項を保存しました。")).to_be_visible()
    expect(page.get_by_test_id("chief-flag")).to_be_visible()
    ui.shot(page, "ledger-flagged")
    page.locator("#chief_qualification").select_option(label="1級建築施工管理技士")
    page.get_by_role("button", name="保存する").click()
    expect(page.get_by_test_id("chief-flag")).to_have_count(0)
    ui.shot(page, "ledger-saved")
