"""Invoices and payment. Every payment goes through a PaymentProvider; the offline provider issues
a slip (reference number, amount, due date) that staff mark paid when the money arrives."""
import datetime as dt
import secrets

from peewee import CharField, DateField, DateTimeField, ForeignKeyField, IntegerField

from extensions import db
from models.accounts import Account
from models.base import BaseModel, utcnow

PAY_DAYS = 30  # a slip is due 30 days after it is issued


class Invoice(BaseModel):
    """What someone owes: a registration fee, a card reissue, admin-ID usage."""
    purpose = CharField()  # worker_registration / company_registration / card_reissue / gold_card / admin_id
    payer = ForeignKeyField(Account, backref="invoices")
    # What it is for, by id (plain columns: invoices outlive and precede the rows they name).
    application_ref = IntegerField(null=True, index=True)  # Application.id
    card_request_ref = IntegerField(null=True, index=True)  # CardRequest.id
    company_ref = IntegerField(null=True, index=True)  # Company.id (admin-ID usage)
    amount = IntegerField()
    scheme = CharField(default="")
    method = CharField(default="")  # konbini / payeasy / credit; chosen by the payer
    reference = CharField(unique=True)  # 払込番号 printed on the slip
    issued_on = DateField()
    due_on = DateField()
    status = CharField(default="open")  # open / paid / cancelled
    paid_at = DateTimeField(null=True)
    recorded_by = ForeignKeyField(Account, null=True)
    receipt_number = CharField(null=True, unique=True)

    @classmethod
    def open_for(cls, purpose, payer, amount, today, scheme="", **refs):
        """An invoice; a zero amount is settled at once (e.g. a one-person operator's company fee)."""
        invoice = cls.create(purpose=purpose, payer=payer, amount=amount, scheme=scheme, issued_on=today,
                             due_on=today + dt.timedelta(days=PAY_DAYS), reference=new_reference(), **refs)
        if amount == 0:
            invoice.settle(None)
        return invoice

    @property
    def paid(self):
        return self.status == "paid"

    def settle(self, staff, when=None):
        """Marks the invoice paid and hands out a receipt number. Idempotent."""
        if self.status == "paid":
            return False
        if self.status == "cancelled":
            raise ValueError("cancelled")
        with db.atomic():
            self.status, self.paid_at, self.recorded_by = "paid", when or utcnow(), staff
            self.receipt_number = "R" + self.reference
            self.save()
        return True


def new_reference():
    """A 14-digit payment reference; random so the next one cannot be guessed."""
    return "".join(secrets.choice("0123456789") for _ in range(14))


class PaymentProvider:
    """How a payer pays. `start` returns what to show or send (a slip, a redirect URL)."""
    name = "base"
    methods = ()

    def start(self, invoice, method):
        raise NotImplementedError

    def confirm(self, invoice, staff, when=None):
        raise NotImplementedError


class OfflineProvider(PaymentProvider):
    """Embedded default: a printable slip for the chosen method; staff record the payment by hand
    when the convenience store, Pay-easy or card company reports it."""
    name = "offline"
    methods = ("konbini", "payeasy", "credit")

    def start(self, invoice, method):
        if method not in self.methods:
            raise ValueError("method")
        if invoice.status != "open":
            raise ValueError(invoice.status)
        invoice.method = method
        invoice.save()
        return {"kind": "slip", "reference": invoice.reference, "amount": invoice.amount, "due_on": invoice.due_on}

    def confirm(self, invoice, staff, when=None):
        return invoice.settle(staff, when)


def provider():
    return OfflineProvider()
