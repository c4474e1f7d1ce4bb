"""Notices about a worker's card: posted, reissue / gold-card requests, the expiry reminders."""

from models.cards.cards import Card, CardRequest
from tasks.notices.recipients import invoice_context, to_worker
from tasks.urls import external_url


def card_mailed(card_id):
    card = Card.get_by_id(card_id)
    worker = card.worker
    return to_worker(
        worker, "card_mailed", worker_id=worker.worker_id, level=card.level, url=external_url("worker.card_detail")
    )


def card_fee_notice(card_request_id):
    """The reissue / gold-card fee to pay before the new card is made."""
    card_request = CardRequest.get_by_id(card_request_id)
    return to_worker(
        card_request.worker,
        "card_fee_notice",
        kind=card_request.kind,
        **invoice_context(card_request.invoice()),
    )


def card_request_rejected(card_request_id):
    card_request = CardRequest.get_by_id(card_request_id)
    return to_worker(
        card_request.worker,
        "card_request_rejected",
        kind=card_request.kind,
        note=card_request.rejection_note(),
        url=external_url("worker.card_detail"),
    )


def card_request_advanced(card_request_id):
    """A reissue / gold-card request moved on: the fee to pay, or the new card in the post."""
    card_request = CardRequest.get_by_id(card_request_id)
    if card_request.status == "awaiting_payment":
        return card_fee_notice(card_request.id)
    if card_request.status == "mailed":
        return card_mailed(card_request.card_id)
    return None


def card_expiry(card_id, days_left):
    """90 and 30 days before the card's validity ends."""
    card = Card.get_by_id(card_id)
    worker = card.worker
    return to_worker(
        worker,
        "card_expiry",
        worker_id=worker.worker_id,
        days_left=days_left,
        valid_until=card.valid_until.strftime("%Y/%m/%d"),
        url=external_url("worker.card_renewal_form"),
    )
