"""The embedded test card gateway: card payment completes on the payer's screen, with test card numbers
as public test gateways use them. No card number is stored, only the last four digits in the reference."""

import datetime as dt
import re
import secrets

from models.billing.payments import OfflineProvider, PaymentError
from models.core.ids import luhn_digit
from models.core.numbers import is_digits

APPROVED = {"4242424242424242", "5555555555554444"}  # any other valid number is declined
DECLINED = {"4000000000000002"}  # the documented "declined" test card


def card_digits(text):
    return re.sub(r"[\s\-]", "", text or "")


def luhn_ok(digits):
    return len(digits) >= 12 and is_digits(digits[:-1]) and luhn_digit(digits[:-1]) == digits[-1]


def expiry_month(text):
    """MM/YY → the first day of the month after the card's last month, or None when unreadable."""
    match = re.fullmatch(r"\s*(\d{1,2})\s*/\s*(\d{2}|\d{4})\s*", text or "")
    if not match:
        return None
    month, year = int(match.group(1)), int(match.group(2))
    year = year + 2000 if year < 100 else year
    if not 1 <= month <= 12:
        return None
    return dt.date(year + month // 12, month % 12 + 1, 1)


class TestCardGateway(OfflineProvider):
    """Slips for the convenience store and Pay-easy; card payments answered at once by test numbers:
    4242 4242 4242 4242 succeeds, 4000 0000 0000 0002 is declined."""

    name = "test"
    online_card = True

    def __init__(self, settings=None):  # made with the app config, like a real acquirer's adapter
        super().__init__(biller_number=(settings or {}).get("PAYEASY_BILLER_NUMBER") or "")

    def charge(self, invoice, card_number, expiry, today):
        if invoice.status != "open":
            raise PaymentError(invoice.status)
        digits = card_digits(card_number)
        if not luhn_ok(digits):
            raise PaymentError("card_number")
        ends = expiry_month(expiry)
        if ends is None or ends <= today:
            raise PaymentError("expiry")
        if digits in DECLINED or digits not in APPROVED:
            raise PaymentError("declined")
        return f"test_{secrets.token_hex(6)}_{digits[-4:]}"
