"""Recording a payment and what it sets going, and what a slip needs to know about its payer: one
entry point for every screen that records a payment or prints a slip."""

from extensions import db
from models.billing.payments import Invoice, provider
from models.cards.cards import CardRequest
from models.registration.applications import Application, after_payment


def settle(invoice, staff, today, when=None, paid_on=None):
    """Records the payment through the provider; returns False if it was already recorded.
    A paid registration makes the worker's card; a paid reissue lets staff make the new card."""
    with db.atomic():
        if not provider().confirm(invoice, staff, paid_on or today, when):
            return False
        after_payment(invoice, today)
    return True


def pay_by_card(invoice, gateway, card_number, expiry, today):
    """An online card payment through the provider's `charge` (PaymentError when refused); once the
    acquirer approves it, the invoice is paid like any other (card made, 事業者ID usable)."""
    reference = gateway.charge(invoice, card_number, expiry, today)
    with db.atomic():
        Invoice.update(gateway_ref=reference, method="credit").where(Invoice.id == invoice.id).execute()
        if invoice.settle(None, today):
            after_payment(invoice, today)
    return reference


def slip_recipient(invoice):
    """(payer name, address) the slip is addressed and posted to (seed Q1-4): a worker's card-delivery
    address, a company's 登録責任者 address."""
    if invoice.application_ref:
        application = Application.get_or_none(Application.id == invoice.application_ref)
        if application is not None:
            return application.fee_notice_address()
    if invoice.card_request_ref:
        request = CardRequest.get_or_none(CardRequest.id == invoice.card_request_ref)
        if request is not None:
            worker = request.worker
            return worker.full_name, f"{worker.postal_code} {worker.address}".strip()
    return invoice.payer.display_name, ""


def company_registration_invoice(company):
    """The company's 事業者登録料 invoice (the newest), or None."""
    applications = Application.select(Application.id).where(
        (Application.company == company) & (Application.kind == "company")
    )
    return (
        Invoice.select()
        .where((Invoice.purpose == "company_registration") & Invoice.application_ref.in_(applications))
        .order_by(Invoice.id.desc())
        .first()
    )
