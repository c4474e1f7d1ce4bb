"""Card renewal (更新): before or after expiry, the registration fee in force, a new card with a new
validity; the expiry mail points to the renewal screen."""

import datetime as dt

import pytest

from extensions import db
from models import Card, CardRequest, Invoice, Worker
from models.billing import fees
from models.cards.validity import card_valid_until
from models.core import clock
from models.core.dates import add_months, renewable_until, renewal_opens_on
from tests import factories as f


def _worker_with_card(client):
    account, _company, worker = f.one_person()
    f.login(client, account)
    return worker, Card.current_for(worker)


def test_an_expired_card_is_renewed_paid_by_card_and_replaced_with_a_new_validity(client):
    worker, card = _worker_with_card(client)
    today = clock.today()
    page = client.get("/worker/card/renew").text
    assert "から申し込めます" in page and 'data-testid="renew-submit"' not in page  # 10 years left: too early
    r = client.post("/worker/card/renew", follow_redirects=True)
    assert "有効期限の6か月前から" in r.text and not CardRequest.select().exists()
    Card.update(valid_until=today - dt.timedelta(days=10)).where(Card.id == card.id).execute()
    r = client.post("/worker/card/reissue", data={"reason": "damaged"})
    assert "カードの更新を申し込んでください" in r.text  # an expired card is renewed, not reissued
    page = client.get("/worker/card/renew").text
    assert "期限切れ" in page and "2,500円" in page
    assert client.post("/worker/card/renew").status_code == 303
    request = CardRequest.get(CardRequest.kind == "renewal")
    invoice = request.invoice()
    assert request.status == "awaiting_payment" and (invoice.purpose, invoice.amount) == ("card_renewal", 2_500)
    assert "カードの更新" in client.get("/worker/card").text
    client.post(f"/apply/invoices/{invoice.id}/method", data={f"invoice{invoice.id}-method": "credit"})
    r = client.post(f"/apply/invoices/{invoice.id}/card", data={"card_number": "4242424242424242", "expiry": "12/39"})
    assert r.status_code == 303 and Invoice.get_by_id(invoice.id).paid
    new = Card.current_for(worker)
    assert new.id != card.id and Card.get_by_id(card.id).status == "replaced"
    assert new.valid_until == card_valid_until(today, True)  # ten years from the renewal
    assert CardRequest.get_by_id(request.id).status == "made"  # staff post it next


def test_renewal_bills_the_fee_of_the_scheme_in_force(client):
    worker, card = _worker_with_card(client)
    today = clock.today()
    Card.update(valid_until=today + dt.timedelta(days=30)).where(Card.id == card.id).execute()  # before expiry
    fees.put_in_force(fees.CURRENT_SCHEME, today)
    assert "4,900円" in client.get("/worker/card/renew").text  # 詳細型 under the current scheme
    client.post("/worker/card/renew")
    invoice = CardRequest.get(CardRequest.kind == "renewal").invoice()
    assert invoice.amount == 4_900 and invoice.scheme == fees.CURRENT_SCHEME
    f.pay(invoice)
    new = Card.current_for(worker)
    assert new.valid_until == card_valid_until(today, True, fees.CURRENT_SCHEME, worker.birth_date)


def test_the_expiry_mail_points_to_the_renewal_screen(app, outbox):
    _account, _company, worker = f.one_person()
    card = Card.current_for(worker)
    from tasks import notices

    with app.app_context(), db.atomic():
        notices.card_expiry(card.id, 30)
    assert "/worker/card/renew" in outbox.messages()[-1].get_content()


@pytest.mark.parametrize("scheme", [fees.SEED_SCHEME, fees.CURRENT_SCHEME])
@pytest.mark.parametrize("registration_type", ["basic", "detailed"])
def test_the_renewal_page_shows_the_fee_the_renewal_bills(client, scheme, registration_type):
    """The page computed the fee on its own beside the bill; both now ask cards.renewal_fee."""
    worker, card = _worker_with_card(client)
    today = clock.today()
    Worker.update(registration_type=registration_type).where(Worker.id == worker.id).execute()
    Card.update(valid_until=today + dt.timedelta(days=30)).where(Card.id == card.id).execute()
    fees.put_in_force(scheme, today)
    shown = client.get("/worker/card/renew").text.split("<dt>登録料</dt><dd><strong>")[1].split("円")[0]
    client.post("/worker/card/renew")
    invoice = CardRequest.get(CardRequest.kind == "renewal").invoice()
    assert shown == f"{invoice.amount:,}" and invoice.scheme == scheme


def test_a_card_renews_from_the_months_the_page_says_as_a_company_registration_does(client):
    """Cards counted 180 days while the page, the message and company registrations said 6 months: a
    card valid until 6 months from today was refused today. One window now (core/dates)."""
    worker, card = _worker_with_card(client)
    today = clock.today()
    Card.update(valid_until=add_months(today, 6) + dt.timedelta(days=1)).where(Card.id == card.id).execute()
    page = client.get("/worker/card/renew").text
    tomorrow = today + dt.timedelta(days=1)
    assert "期限の6か月前から" in page and f"更新は {tomorrow.year}年{tomorrow.month}月{tomorrow.day}日 から" in page
    r = client.post("/worker/card/renew", follow_redirects=True)
    assert "有効期限の6か月前から申し込めます" in r.text and not CardRequest.select().exists()
    Card.update(valid_until=add_months(today, 6)).where(Card.id == card.id).execute()
    assert 'data-testid="renew-submit"' in client.get("/worker/card/renew").text
    assert client.post("/worker/card/renew").status_code == 303 and CardRequest.select().count() == 1


def test_the_renewal_reminder_goes_out_on_the_day_the_window_opens():
    """companies_to_remind selects by renewable_until(today), which must invert renewal_opens_on even where
    month ends clip (31 August opens on the last day of February)."""
    day = dt.date(2027, 1, 1)
    while day < dt.date(2029, 1, 1):
        last = renewable_until(day)
        assert renewal_opens_on(last) <= day < renewal_opens_on(last + dt.timedelta(days=1)), day
        day += dt.timedelta(days=1)
