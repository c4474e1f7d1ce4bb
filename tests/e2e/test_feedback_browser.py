"""htmx feedback at 390×844: a request in flight marks its form busy and disables its button; a request
that cannot reach the server says so in place; the bars' links are at least 44 px tall."""

import re

import pytest
from playwright.sync_api import expect


@pytest.fixture
def screenshot_prefix(viewport):
    return f"feedback-{viewport}"


@pytest.mark.parametrize("viewport", ["phone"])
def test_htmx_busy_and_offline_message(app, ui, viewport):
    page = ui.page_for("visitor")
    page.goto("/faq")
    page.wait_for_load_state("load")  # htmx and app.js are deferred scripts
    held = []
    page.route(re.compile(r".*/faq\?.*"), lambda route: held.append(route))
    page.locator("#faq-q").fill("再発行")
    expect(page.locator("form.faq-search")).to_have_attribute("aria-busy", "true")
    expect(page.get_by_role("button", name="検索")).to_be_disabled()
    ui.shot(page, "busy")
    held[0].abort()
    expect(page.get_by_role("alert")).to_contain_text("通信できませんでした")
    expect(page.get_by_role("button", name="検索")).to_be_enabled()
    ui.shot(page, "offline")
    page.unroute(re.compile(r".*/faq\?.*"))
    page.locator("#faq-q").fill("パスワード")
    expect(page.get_by_role("alert")).to_have_count(0)  # the next try clears the message


@pytest.mark.parametrize("viewport", ["phone"])
def test_bar_links_are_tap_sized(app, ui, viewport):
    page = ui.page_for("visitor")
    page.goto("/faq")
    for link in page.locator(".topbar a, .rolebar a, .rolebar button, .support-links a").all():
        if link.is_visible():
            box = link.bounding_box()
            assert box["height"] >= 44 and box["width"] >= 44, f"{link.inner_text()!r} is {box}"
