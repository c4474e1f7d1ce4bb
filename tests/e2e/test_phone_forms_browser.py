"""Forms on a phone (390×844) under real conditions: a slow postal-code look-up while the user types on."""

import re

import pytest
from playwright.sync_api import expect

from tests import factories as f
from tests.e2e.browser_steps import log_in


@pytest.fixture
def screenshot_prefix(viewport):
    return f"forms-{viewport}"


def _contact_page(app, ui):
    with app.app_context():
        acc = f.account(name="鈴木 一郎")
        application = f.submitted_worker_application(account_=acc, submit=False, postal_code="", address="")
    page = ui.page_for("applicant")
    log_in(page, acc.email, f.PASSWORD)
    page.goto(f"/apply/worker/{application.id}/contact")
    page.wait_for_load_state("load")  # htmx and app.js are deferred scripts
    return page


@pytest.mark.parametrize("viewport", ["phone"])
def test_postal_lookup_never_writes_into_what_the_user_is_typing(app, ui, viewport):
    page = _contact_page(app, ui)
    address = page.get_by_label("住所", exact=True)
    held = []  # the answer is held back (as by a slow mobile network) until the user has typed on
    page.route(re.compile(r".*/apply/postal-code\?.*"), lambda route: held.append(route))
    page.get_by_label("郵便番号").fill("1700013")
    page.wait_for_function("() => document.querySelector('.htmx-request')")  # the look-up has started
    address.press_sequentially("東京1-1 サンハイツ402")
    held[0].continue_()
    offer = page.locator("#address-offer")
    expect(offer).to_contain_text("東京都豊島区東池袋")
    expect(address).to_have_value("東京1-1 サンハイツ402")  # untouched
    ui.shot(page, "postal-offered")
    page.get_by_role("button", name="この住所を使う").click()
    expect(address).to_have_value("東京都豊島区東池袋1-1 サンハイツ402")
    expect(offer).to_be_empty()

    # An empty field the user is not in is filled as before; one tapped into (focused) gets the offer.
    page.unroute(re.compile(r".*/apply/postal-code\?.*"))
    address.fill("")
    page.get_by_label("郵便番号").fill("3320012")
    expect(address).to_have_value("埼玉県川口市本町")
    address.fill("")
    page.route(re.compile(r".*/apply/postal-code\?.*"), lambda route: held.append(route))
    page.get_by_label("郵便番号").fill("1600023")
    page.wait_for_function("() => document.querySelector('.htmx-request')")
    address.focus()
    held[-1].continue_()
    expect(offer).to_contain_text("東京都新宿区西新宿")
    expect(address).to_have_value("")
    ui.shot(page, "postal-filled")
