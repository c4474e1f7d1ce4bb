"""管理者ID利用料 (DOMAIN §3): once a fiscal year (April–March) each company is billed per admin ID —
現場管理者 IDs are free, a one-person operator pays its own rate. An invoice still unpaid after its due
date gets a notice; 14 days after the notice the company's admin IDs are suspended until it is paid."""

import datetime as dt

from peewee import CharField, DateField, ForeignKeyField, IntegerField, IntegrityError, fn

from extensions import db
from models.accounts.accounts import Membership
from models.accounts.companies import Company
from models.accounts.roles import company_admins
from models.billing.fees import admin_id_fee
from models.billing.payments import Invoice
from models.core.base import BaseModel

FREE_ROLES = ("site_manager",)  # 現場管理者ID: free
GRACE_DAYS = 14  # from the notice to suspension


def fiscal_year(day):
    return day.year if day.month >= 4 else day.year - 1


class AdminIdBill(BaseModel):
    company = ForeignKeyField(Company, backref="admin_id_bills", on_delete="CASCADE")
    fiscal_year = IntegerField()
    ids = IntegerField()
    invoice_ref = IntegerField()  # Invoice.id
    notice_sent_on = DateField(null=True)
    suspended_on = DateField(null=True)
    state = CharField(default="billed")  # billed / noticed / suspended / paid

    class Meta:
        indexes = ((("company", "fiscal_year"), True),)

    @property
    def invoice(self):
        return Invoice.get_by_id(self.invoice_ref)


def bill_year(day):
    """Bills every approved company for the fiscal year of `day`, once; returns the bills made."""
    year = fiscal_year(day)
    billed = AdminIdBill.select(AdminIdBill.company).where(AdminIdBill.fiscal_year == year)
    counts = (
        Company.select(Company, fn.COUNT(Membership.id).alias("paid_ids"))
        .join(Membership)
        .where(
            (Company.status == "approved")
            & Company.business_id.is_null(False)
            & Membership.role.not_in(FREE_ROLES)
            & Company.id.not_in(billed)
        )
        .group_by(Company.id)
    )
    made = []
    for company in counts:
        payer = company_admins(company).first()
        if payer is None:
            continue
        amount, scheme = admin_id_fee(day, company.entity_type, company.paid_ids)
        try:
            with db.atomic():
                invoice = Invoice.open_for("admin_id", payer, amount, day, scheme=scheme, company_ref=company.id)
                made.append(
                    AdminIdBill.create(company=company, fiscal_year=year, ids=company.paid_ids, invoice_ref=invoice.id)
                )
        except IntegrityError:
            continue
    return made


def enforce(day):
    """Moves unpaid bills on: (bills to notify now, bills suspended now). Paid ones are closed."""
    to_notify, suspended = [], []
    for bill in AdminIdBill.select().where(AdminIdBill.state.in_(("billed", "noticed", "suspended"))):
        invoice = bill.invoice
        if invoice.paid:
            bill.state, bill.suspended_on = "paid", None
        elif bill.state == "billed" and day > invoice.due_on:
            bill.state, bill.notice_sent_on = "noticed", day
            to_notify.append(bill)
        elif bill.state == "noticed" and day >= bill.notice_sent_on + dt.timedelta(days=GRACE_DAYS):
            bill.state, bill.suspended_on = "suspended", day
            suspended.append(bill)
        else:
            continue
        bill.save()
    return to_notify, suspended


def suspension_of(company):
    """The bill that keeps the company's admin IDs suspended, or None; paying lifts it at once."""
    bill = AdminIdBill.get_or_none((AdminIdBill.company == company) & (AdminIdBill.state == "suspended"))
    if bill is None or bill.invoice.paid:
        return None
    return bill
