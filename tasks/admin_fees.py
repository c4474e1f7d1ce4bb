"""Yearly 管理者ID利用料 invoices (on 1 April) and the notice → suspension of unpaid ones (daily)."""

from huey import crontab

from extensions import db
from models.accounts.notices import NoticeLog
from models.accounts.roles import company_admins
from models.billing.admin_billing import bill_year, enforce
from models.core.clock import today
from tasks import notices
from tasks.jobs import periodic_job


def run_admin_fees(day=None):
    """Bills the fiscal year (once) and moves unpaid bills on; returns (billed, noticed, suspended)."""
    day = day or today()
    billed = bill_year(day)  # once per company and fiscal year; a company approved mid-year is billed then
    noticed, suspended = enforce(day)
    for bill in noticed + suspended:
        kind = "admin_fee_notice" if bill in noticed else "admin_fee_suspended"
        for admin in company_admins(bill.company_id):
            with db.atomic():
                if NoticeLog.claim(kind, f"admin_bill:{bill.id}", admin, day):
                    notices.admin_fee(bill.id, kind, admin.id)
    return billed, noticed, suspended


@periodic_job(crontab(minute="30", hour="21"))  # 06:30 JST daily
def admin_fees_daily():
    run_admin_fees()
