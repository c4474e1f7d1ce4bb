"""Card renewal in Chromium at 390×844: an expired card is renewed from the screen the expiry mail links,
paid with the test card on the spot, and the card page shows the new card's validity."""

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from models import Card
from models.cards.validity import card_valid_until
from models.core import clock
from tests import factories as f
from tests.e2e.browser_steps import log_in


@pytest.fixture
def screenshot_prefix(viewport):
    return f"renewal-{viewport}"


@pytest.mark.parametrize("viewport", ["phone"])
def test_an_expired_card_is_renewed_and_paid_on_the_phone(app, ui, viewport):
    with app.app_context():
        account, _company, worker = f.one_person()
        card = Card.current_for(worker)
        today = clock.today()
        Card.update(valid_until=today - dt.timedelta(days=3)).where(Card.id == card.id).execute()
    page = ui.page_for("worker")
    log_in(page, account.email, f.PASSWORD)
    page.goto("/worker/card/renew")
    expect(page.get_by_test_id("renewal")).to_contain_text("期限切れ")
    expect(page.get_by_test_id("renewal")).to_contain_text("2,500円")
    ui.shot(page, "renew")
    page.get_by_test_id("renew-submit").click()
    expect(page).to_have_url(re.compile(r"/worker/card$"))
    expect(page.get_by_text("カードの更新を受け付けました", exact=False)).to_be_visible()
    page.get_by_label("クレジットカード").check()
    page.get_by_role("button", name="この方法で支払う").click()
    form = page.get_by_test_id("card-payment")
    expect(form).to_be_visible()
    form.get_by_label("カード番号").fill("4000 0000 0000 0002")
    form.get_by_label("有効期限（月/年）").fill("12/39")
    form.get_by_role("button").click()
    expect(page.get_by_text("カード会社がこのお支払いを承認しませんでした", exact=False)).to_be_visible()
    ui.shot(page, "declined")
    page.get_by_label("カード番号").fill("4242 4242 4242 4242")
    page.get_by_role("button", name=re.compile("カードで支払う")).click()
    expect(page.get_by_text("クレジットカードでのお支払いが完了しました", exact=False)).to_be_visible()
    page.goto("/worker/card")
    new_until = card_valid_until(today, True)
    expect(page.get_by_test_id("card-record")).to_contain_text(
        f"{new_until.year}年{new_until.month}月{new_until.day}日"
    )
    ui.shot(page, "renewed")
