"""A 現場管理者 at phone size (390×844): the sites list, a site and the approval queue show only the
site in their charge (Q2-4, Q2-5); another site of the same prime answers 404."""

import pytest
from playwright.sync_api import expect

from tests import factories as f
from tests.e2e.browser_steps import log_in
from tests.test_site_managers import _two_sites


@pytest.fixture
def screenshot_prefix(viewport):
    return f"site-manager-{viewport}"


@pytest.mark.parametrize("viewport", ["phone"])
def test_q2_4_a_site_manager_sees_only_the_site_in_their_charge(app, ui, viewport):
    with app.app_context():
        w = _two_sites()
    page = ui.page_for("manager")
    log_in(page, w["manager"].email, f.PASSWORD)
    page.goto("/prime/sites")
    expect(page.get_by_role("link", name="担当現場")).to_be_visible()
    expect(page.get_by_text("担当外現場")).to_have_count(0)
    ui.shot(page, "sites")
    page.get_by_role("link", name="担当現場").click()
    expect(page.get_by_role("heading", name="担当現場")).to_be_visible()
    expect(page.get_by_test_id("site-reads")).to_be_visible()
    ui.shot(page, "site")
    page.goto("/prime/approvals")
    expect(page.locator("main")).to_contain_text("担当現場")
    expect(page.locator("main")).not_to_contain_text("担当外現場")
    ui.shot(page, "approvals")
    answer = page.goto(f"/prime/sites/{w['other'].id}")
    assert answer.status == 404
    expect(page.locator("main")).not_to_contain_text("担当外現場")
