"""Card payment completes online through the PaymentProvider interface: the embedded test gateway takes
test card numbers (4242… succeeds, 4000 0000 0000 0002 is declined), a real acquirer is chosen by config."""

from models import Card, Company, Invoice
from models.billing.payments import OfflineProvider, PaymentError, provider
from models.core import clock
from tests import factories as f
from tests.test_payments import approved_worker, choose, logged_in


def _pay(client, invoice, number, expiry="12/39"):
    return client.post(f"/apply/invoices/{invoice.id}/card", data={"card_number": number, "expiry": expiry})


def test_a_test_card_pays_the_registration_fee_on_the_spot_and_the_card_is_made(client, outbox):
    account, worker, invoice = approved_worker()
    logged_in(client, account)
    choose(client, invoice, "credit")
    page = client.get(f"/apply/invoices/{invoice.id}").text
    assert 'data-testid="card-payment"' in page and 'data-testid="slip"' not in page  # no trip to a counter
    r = _pay(client, invoice, "4000 0000 0000 0002")
    assert r.status_code == 400 and "カード会社がこのお支払いを承認しませんでした" in r.text and "12/39" in r.text
    r = _pay(client, invoice, "4242 4242 4242 4241")
    assert r.status_code == 400 and "カード番号が正しくありません" in r.text
    r = _pay(client, invoice, "4242424242424242", expiry="01/20")
    assert r.status_code == 400 and "期限が切れています" in r.text
    assert Invoice.get_by_id(invoice.id).status == "open" and Card.current_for(worker) is None
    r = _pay(client, invoice, "4242 4242 4242 4242")
    assert r.status_code == 303
    paid = Invoice.get_by_id(invoice.id)
    assert paid.paid and paid.paid_on == clock.today() and paid.receipt_number
    assert paid.gateway_ref.endswith("_4242") and "4242424242424242" not in paid.gateway_ref
    assert Card.current_for(worker) is not None  # the paid registration makes the card at once
    assert client.get(f"/apply/invoices/{invoice.id}/receipt.pdf").status_code == 200
    r = _pay(client, invoice, "4242 4242 4242 4242")  # a second tap charges nothing
    assert r.status_code == 303 and Invoice.select().where(Invoice.gateway_ref != "").count() == 1


def test_a_company_paying_by_card_can_use_its_id_at_once(app, outbox):
    application = f.submitted_company_application(capital=3_000_000)
    invoice = application.approve(f.reviewer(), clock.today())
    client = logged_in(app.test_client(), application.applicant)
    choose(client, invoice, "credit")
    assert _pay(client, invoice, "5555 5555 5555 4444").status_code == 303
    assert Company.get_by_id(application.company_id).usable
    assert "事業者IDが使えるようになりました" in outbox.last_to(application.applicant.email)["Subject"]


class FakeAcquirer(OfflineProvider):
    """What a real acquirer's adapter looks like: made from the app config, it answers `charge`."""

    online_card = True

    def __init__(self, settings):
        super().__init__(settings.get("PAYEASY_BILLER_NUMBER") or "")
        self.merchant = settings.get("ACQUIRER_MERCHANT")

    def charge(self, invoice, card_number, expiry, today):
        raise PaymentError("declined")


def test_the_provider_is_chosen_by_config(app, client, monkeypatch):
    assert provider({"PAYMENT_PROVIDER": "test"}).online_card
    assert not provider({"PAYMENT_PROVIDER": "offline"}).online_card
    acquirer = provider({"PAYMENT_PROVIDER": "tests.test_card_payment:FakeAcquirer", "ACQUIRER_MERCHANT": "m1"})
    assert type(acquirer).__name__ == "FakeAcquirer" and acquirer.merchant == "m1"
    monkeypatch.setitem(app.config, "PAYMENT_PROVIDER", "offline")
    account, _worker, invoice = approved_worker()
    logged_in(client, account)
    choose(client, invoice, "credit")
    assert 'data-testid="slip"' in client.get(f"/apply/invoices/{invoice.id}").text
    assert _pay(client, invoice, "4242 4242 4242 4242").status_code == 303
    assert Invoice.get_by_id(invoice.id).status == "open"  # the offline provider takes no card online
