"""Work history in Chromium at 390×844: a worker enters a day the card missed, the prime approves it
from the phone queue in one tap, and the worker's career page shows it with the charts and a summary."""

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from models.core.clock import today
from models.history.levels import seed_rules
from models.sites.records import WorkRecord
from tests import factories as f
from tests.e2e.browser_steps import log_in


@pytest.fixture
def screenshot_prefix(viewport):
    return f"history-{viewport}"


def _switch_role(page, label):
    page.get_by_test_id("role-switch").click()
    page.get_by_role("radio", name=label).check()
    page.get_by_role("button", name="切り替える").click()


@pytest.mark.parametrize("viewport", ["phone"])
def test_entered_day_approved_by_the_prime_and_the_career_view(app, ui, viewport):
    with app.app_context():
        seed_rules()
        data = f.site_with_worker()
        WorkRecord.insert_many(
            [
                {
                    "worker": data["worker"],
                    "site": data["site"],
                    "company": data["sub"],
                    "work_date": dt.date(2025, 4, 1) + dt.timedelta(days=i),
                    "trade": "0201",
                    "position": "3",
                }
                for i in range(20)
            ]
        ).execute()
    day = today() - dt.timedelta(days=1)

    worker = ui.page_for("worker")
    log_in(worker, data["account"].email, f.PASSWORD)
    worker.goto("/worker/")
    worker.get_by_test_id("entries-link").click()
    expect(worker).to_have_url(re.compile(r"/worker/entries$"))
    worker.get_by_label("就業日").fill(day.isoformat())
    expect(worker.get_by_label("職種")).to_have_value("0201")  # the roster's (issue 21), not the first trade
    expect(worker.get_by_label("立場")).to_have_value("1")
    for label in ("入場時刻", "退場時刻"):
        assert worker.get_by_label(label).bounding_box()["height"] >= 44
    worker.get_by_label("立場").select_option("3")
    worker.get_by_label("入場時刻").fill("08:00")
    worker.get_by_label("退場時刻").fill("17:30")
    worker.get_by_label("理由").select_option("forgot_card")
    ui.shot(worker, "entry-form")
    worker.get_by_role("button", name="入力して承認を依頼").click()
    expect(worker.get_by_test_id("entries")).to_contain_text("承認待ち")
    ui.shot(worker, "entry-pending")

    prime = ui.page_for("prime")
    log_in(prime, data["prime_admin"].email, f.PASSWORD)
    _switch_role(prime, re.compile("元請建設株式会社"))
    prime.goto("/prime/approvals")
    expect(prime.get_by_test_id("queue-summary")).to_contain_text("承認待ち 1件")
    prime.locator("input[name=ids]").first.check()
    box = prime.get_by_test_id("approve").bounding_box()
    assert box["height"] >= 44, "tap target under 44 px"
    prime.get_by_test_id("approve").click()
    expect(prime.get_by_test_id("queue-summary")).to_contain_text("承認待ち 0件")  # swapped in place by htmx
    expect(prime).to_have_url(re.compile(r"/prime/approvals$"))
    ui.shot(prime, "queue-approved")

    worker.goto("/worker/entries")
    expect(worker.get_by_test_id("entries")).to_contain_text("承認済み")
    worker.goto("/worker/career")
    expect(worker.get_by_test_id("chart-trades")).to_be_visible()
    expect(worker.locator("body")).to_contain_text("就業日数: 21日")
    ui.shot(worker, "career")
    with worker.expect_download() as download:
        worker.get_by_test_id("career-csv").click()
    assert download.value.suggested_filename.endswith(".csv")
