"""Monthly 現場利用料 invoices to primes (DOMAIN §3). Month M is billed once its records can no longer
change — manual entries for M close at the end of M+1 — so on the 1st of M+2."""

from huey import crontab

from models.core.clock import today
from models.history.site_billing import bill_month
from tasks.jobs import periodic_job


def closed_month(day):
    """The latest month whose entry and approval window has closed on `day`."""
    index = day.year * 12 + day.month - 1 - 2
    return index // 12, index % 12 + 1


def bill_closed_month(day=None):
    day = day or today()
    return bill_month(*closed_month(day), day)


@periodic_job(crontab(minute="0", hour="21"))  # 06:00 JST daily; a month is billed once
def monthly_site_usage_invoices():
    bill_closed_month()
