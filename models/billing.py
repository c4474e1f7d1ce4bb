"""Recording a payment and what it sets going: one entry point for every screen that records one."""
from extensions import db
from models.applications import after_payment
from models.payments import provider


def settle(invoice, staff, today, when=None):
    """Records the payment through the provider; returns False if it was already recorded.
    A paid registration makes the worker's card; a paid reissue lets staff make the new card."""
    with db.atomic():
        if not provider().confirm(invoice, staff, when):
            return False
        after_payment(invoice, today)
    return True
