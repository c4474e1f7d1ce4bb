"""現場利用料 (DOMAIN §3): each month the prime gets one invoice for its sites' worker-days (a worker on a
site on a day, however many trades the day's records carry) at the rate in force, through the usual
invoice and payment flow."""

import datetime as dt

from peewee import CharField, ForeignKeyField, IntegerField, IntegrityError, Select, fn

from extensions import db
from models.accounts.companies import Company
from models.accounts.roles import company_admins
from models.billing.fees import site_usage_fee
from models.billing.payments import Invoice
from models.core.base import BaseModel
from models.sites.records import WorkRecord
from models.sites.sites import Site


class SiteUsageBill(BaseModel):
    """One per prime and month, so a rerun bills nothing twice."""

    company = ForeignKeyField(Company, backref="site_usage_bills")
    month = CharField()  # YYYY-MM
    records = IntegerField()  # worker-days billed
    invoice_ref = IntegerField()  # Invoice.id

    class Meta:
        indexes = ((("company", "month"), True),)


def bill_month(year, month, today):
    """Invoices every prime with records in the month; returns the bills made now."""
    first = dt.date(year, month, 1)
    after = dt.date(year + (month == 12), month % 12 + 1, 1)
    counts = worker_days(first, after)
    made, key = [], f"{year:04d}-{month:02d}"
    for prime_id, records in counts:
        if SiteUsageBill.select().where((SiteUsageBill.company == prime_id) & (SiteUsageBill.month == key)).exists():
            continue
        payer = company_admins(prime_id).first()
        if payer is None:
            continue
        amount, scheme = site_usage_fee(first, records)
        try:
            with db.atomic():
                invoice = Invoice.open_for("site_usage", payer, amount, today, scheme=scheme, company_ref=prime_id)
                made.append(SiteUsageBill.create(company=prime_id, month=key, records=records, invoice_ref=invoice.id))
        except IntegrityError:  # an overlapping run billed it first
            continue
    return made


def worker_days(first, after):
    """[(prime_id, worker-days)] over [first, after): a two-trade day is one day (DOMAIN §3)."""
    days = (
        WorkRecord.select(Site.prime.alias("prime_id"))
        .join(Site)
        .where((WorkRecord.work_date >= first) & (WorkRecord.work_date < after))
        .group_by(Site.prime, WorkRecord.worker, WorkRecord.site, WorkRecord.work_date)
    ).alias("days")
    return list(
        Select([days], [days.c.prime_id, fn.COUNT(days.c.prime_id)]).group_by(days.c.prime_id).bind(db).tuples()
    )


def bills_of(company):
    """The company's monthly bills with their invoices, newest first (one query)."""
    return (
        SiteUsageBill.select(SiteUsageBill, Invoice)
        .join(Invoice, on=(Invoice.id == SiteUsageBill.invoice_ref), attr="invoice")
        .where(SiteUsageBill.company == company)
        .order_by(SiteUsageBill.month.desc())
    )
