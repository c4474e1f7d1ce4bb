"""Invoices and payment. Every payment goes through a PaymentProvider; the offline provider issues
a slip (reference number, amount, due date) that staff mark paid when the money arrives."""

import datetime as dt
import importlib
import secrets

from flask_babel import lazy_gettext as _l
from peewee import CharField, DateField, DateTimeField, ForeignKeyField, IntegerField

from extensions import db
from models.accounts.accounts import Account
from models.core.base import BaseModel
from models.core.clock import today, utcnow
from models.core.errors import DomainError
from models.core.ids import IdSequence, is_valid_id, luhn_digit, normalize_id

PAY_DAYS = 30  # a slip is due 30 days after it is issued


# purpose → (Japanese, English), as printed on slips and receipts
PURPOSES = {
    "worker_registration": _l("技能者登録料"),
    "company_registration": _l("事業者登録料"),
    "company_renewal": _l("事業者登録の更新（事業者登録料）"),
    "card_reissue": _l("カード再発行手数料"),
    "card_renewal": _l("カード更新（技能者登録料）"),
    "gold_card": _l("カード券面書換手数料（ゴールドカード）"),
    "admin_id": _l("管理者ID利用料"),
    "site_usage": _l("現場利用料"),
    "level_card": _l("カード券面書換手数料（レベル変更）"),
}


class PaymentError(DomainError):
    """code: cancelled (nothing to pay), method (not offered), or the invoice status that refuses it"""


class Invoice(BaseModel):
    """What someone owes: a registration fee, a card reissue, admin-ID usage."""

    purpose = CharField()  # a PURPOSES key
    payer = ForeignKeyField(Account, backref="invoices")
    # What it is for, by id (plain columns: invoices outlive and precede the rows they name).
    application_ref = IntegerField(null=True, index=True)  # Application.id
    card_request_ref = IntegerField(null=True, index=True)  # CardRequest.id
    company_ref = IntegerField(null=True, index=True)  # Company.id (admin-ID usage)
    amount = IntegerField()
    scheme = CharField(default="")
    method = CharField(default="")  # konbini / payeasy / credit; chosen by the payer
    reference = CharField(unique=True)  # 払込番号 printed on the slip (13 digits + a check digit)
    confirmation = CharField(default="")  # Pay-easy 確認番号, printed on the slip only
    issued_on = DateField()
    due_on = DateField()
    status = CharField(default="open")  # open / paid / cancelled
    gateway_ref = CharField(default="")  # the card acquirer's reference of an online card payment
    paid_at = DateTimeField(null=True)  # when the payment was recorded
    paid_on = DateField(null=True)  # the day the money was paid (printed on the receipt)
    recorded_by = ForeignKeyField(Account, null=True)
    receipt_number = CharField(null=True, unique=True)

    @classmethod
    def open_for(cls, purpose, payer, amount, today, scheme="", **refs):
        """An invoice; a zero amount is settled at once (e.g. a one-person operator's company fee)."""
        invoice = cls.create(
            purpose=purpose,
            payer=payer,
            amount=amount,
            scheme=scheme,
            issued_on=today,
            due_on=today + dt.timedelta(days=PAY_DAYS),
            reference=new_reference(),
            **refs,
        )
        if amount == 0:
            invoice.settle(None, today)
        return invoice

    @classmethod
    def of_payer(cls, account):
        """The scoped query for the payer's own screens."""
        return cls.select().where(cls.payer == account)

    @classmethod
    def open_list(cls):
        return cls.select().where(cls.status == "open").order_by(cls.due_on, cls.id)

    @classmethod
    def search(cls, text):
        """Staff search by 払込番号 as typed (hyphens, spaces, full-width digits); returns (query, error).
        A complete number whose check digit is wrong is a typo, said so rather than "not found"."""
        digits = normalize_id(text)
        if not digits:
            return cls.open_list(), ("not_digits" if (text or "").strip() else None)
        if len(digits) == 14 and not is_valid_id(digits):
            return cls.select().where(cls.id == 0), "check_digit"
        return cls.select().where(cls.reference.contains(digits)).order_by(cls.id.desc()), None

    @classmethod
    def for_card_request(cls, request_id):
        return (
            cls.select()
            .where((cls.card_request_ref == request_id) & (cls.status != "cancelled"))
            .order_by(cls.id.desc())
            .first()
        )

    @property
    def paid(self):
        return self.status == "paid"

    @property
    def overdue(self):
        """Past its due date: the slip can no longer be used; choosing a method again renews it."""
        return self.status == "open" and self.due_on < today()

    @property
    def reference_display(self):
        r = self.reference
        return "-".join(r[i : i + 4] for i in range(0, len(r), 4))

    def purpose_label(self):
        return PURPOSES.get(self.purpose, self.purpose)

    def choose_method(self, method, today=None):
        """Records how the payer will pay; past the due date the new slip gets a new due date (same amount)."""
        if self.status != "open":
            raise PaymentError(self.status)
        self.method = method
        if today is not None and self.due_on < today:
            self.due_on = today + dt.timedelta(days=PAY_DAYS)
        if method == "payeasy" and not self.confirmation:
            self.confirmation = "".join(secrets.choice("0123456789") for _ in range(4))
        self.save()

    def settle(self, staff, paid_on, when=None):
        """Marks the invoice paid and hands out a receipt number. Idempotent, also when two staff
        record the same payment at once: only the one whose update finds it open goes on."""
        if self.status == "cancelled":
            raise PaymentError("cancelled")
        with db.atomic():
            changed = (
                Invoice.update(status="paid", paid_at=when or utcnow(), paid_on=paid_on, recorded_by=staff)
                .where((Invoice.id == self.id) & (Invoice.status == "open"))
                .execute()
            )
            if changed and self.amount > 0:  # nothing was paid for a 0-yen fee: no receipt
                Invoice.update(receipt_number=next_receipt_number(paid_on)).where(Invoice.id == self.id).execute()
        self._refresh()
        return bool(changed)

    def _refresh(self):
        fresh = Invoice.get_by_id(self.id)
        for name in ("status", "paid_at", "paid_on", "recorded_by", "receipt_number"):
            setattr(self, name, getattr(fresh, name))
        self._dirty.clear()

    def cancel(self):
        """An invoice that is no longer owed (its request was rejected). Paid ones stay paid."""
        if self.status == "open":
            self.status = "cancelled"
            self.save()


def new_reference():
    """A 14-digit payment reference: 13 random digits (so the next one cannot be guessed) and a
    Luhn check digit (so a mistyped number is caught before any look-up)."""
    while True:
        body = "".join(secrets.choice("0123456789") for _ in range(13))
        reference = body + luhn_digit(body)
        if not Invoice.select().where(Invoice.reference == reference).exists():
            return reference


def next_receipt_number(day):
    """領収書番号: numbered per year, never reused (call inside a transaction)."""
    seq, _ = IdSequence.get_or_create(kind=f"receipt-{day.year}")
    IdSequence.update(last=IdSequence.last + 1).where(IdSequence.id == seq.id).execute()
    return f"{day.year}-{IdSequence.get_by_id(seq.id).last:06d}"


class PaymentProvider:
    """How a payer pays. `start` records the chosen method and returns what to show ({"kind": "slip", ...}).
    A provider with `online_card` takes card payments on the payer's screen through `charge`, which
    returns the acquirer's reference or raises PaymentError (declined / card_number / expiry). A real
    acquirer is a subclass named by PAYMENT_PROVIDER ("package.module:Class"), made with the app config."""

    name = "base"
    online_card = False

    def charge(self, invoice, card_number, expiry, today):
        raise PaymentError("method")

    @property
    def methods(self):
        return ()

    def start(self, invoice, method, today=None):
        raise NotImplementedError

    def confirm(self, invoice, staff, paid_on, when=None):
        raise NotImplementedError


class OfflineProvider(PaymentProvider):
    """Embedded default: a printable slip for the chosen method; staff record the payment by hand
    when the convenience store, Pay-easy or card company reports it. Pay-easy needs the operator's
    収納機関番号 (biller number) from its collection contract, so it is offered only when one is set."""

    name = "offline"

    def __init__(self, biller_number=""):
        self.biller_number = biller_number

    @property
    def methods(self):
        return ("konbini",) + (("payeasy",) if self.biller_number else ()) + ("credit",)

    def start(self, invoice, method, today=None):
        """Records the method; past the due date the new slip gets a new due date (same amount)."""
        if method not in self.methods:
            raise PaymentError("method")
        invoice.choose_method(method, today)
        return {
            "kind": "slip",
            "reference": invoice.reference,
            "amount": invoice.amount,
            "due_on": invoice.due_on,
            "biller_number": self.biller_number,
        }

    def confirm(self, invoice, staff, paid_on, when=None):
        return invoice.settle(staff, paid_on, when)


TEST_GATEWAY = "models.billing.test_gateway:TestCardGateway"


def provider(settings=None):
    """The configured provider (PAYMENT_PROVIDER: offline, test — the embedded test card gateway — or
    "package.module:Class" for a real acquirer); `settings` is the app config."""
    settings = settings or {}
    name = settings.get("PAYMENT_PROVIDER") or "offline"
    biller = settings.get("PAYEASY_BILLER_NUMBER") or ""
    if name == "offline":
        return OfflineProvider(biller_number=biller)
    if name == "test":  # the embedded gateway, found like any acquirer's adapter
        name = TEST_GATEWAY
    module, _sep, cls = name.partition(":")
    return getattr(importlib.import_module(module), cls)(settings)
