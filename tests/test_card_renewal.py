"""Card renewal (更新): before or after expiry, the registration fee in force, a new card with a new
validity; the expiry mail points to the renewal screen."""

import datetime as dt

from extensions import db
from models import Card, CardRequest, Invoice
from models.billing import fees
from models.cards.validity import card_valid_until
from models.core import clock
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
