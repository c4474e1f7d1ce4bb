"""Card expiry reminders (Q5-?): which usable cards are in a reminder window and not yet told."""

import datetime as dt

from models.accounts.notices import NoticeLog
from models.accounts.workers import Worker
from models.cards.cards import USABLE, Card

# Reminders before Card.valid_until, nearest window first: a card 20 days from expiry gets only
# the 30-day one, even if the 90-day one was missed.
EXPIRY_NOTICES = ((30, "card_expiry_30"), (90, "card_expiry_90"))


def cards_to_remind(today):
    """[(card, kind, days_left)] for usable cards in a reminder window whose notice is not sent yet."""
    horizon = today + dt.timedelta(days=max(days for days, _ in EXPIRY_NOTICES))
    cards = (
        Card.select(Card, Worker)
        .join(Worker)
        .where(Card.status.in_(USABLE) & (Card.valid_until >= today) & (Card.valid_until <= horizon))
        .order_by(Card.valid_until, Card.id)
    )
    for card in cards:
        days_left = (card.valid_until - today).days
        kind = next(k for days, k in EXPIRY_NOTICES if days_left <= days)
        if NoticeLog.find(kind, f"card:{card.id}") is None:
            yield card, kind, days_left
