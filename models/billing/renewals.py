"""事業者登録の有効期間と更新 (DOMAIN §3): a company registration is valid 5 years, until the end of the
month of registration 5 years later. From RENEWAL_WINDOW_MONTHS (core/dates) before expiry, and after it, the company
renews for the registration fee in force (the same rule as the first fee); paying extends the validity.
An expired registration makes the 事業者ID unusable through Company.unusable_reason."""

import datetime as dt

from extensions import db
from models.accounts import audit
from models.accounts.companies import Company
from models.accounts.notices import NoticeLog
from models.billing.fees import company_registration_fee
from models.billing.payments import Invoice
from models.core import dates
from models.core.dates import add_months
from models.core.errors import DomainError

VALID_YEARS = 5
REMINDER = "company_registration_expiry"


class RenewalError(DomainError):
    """code: not_registered (approved and first fee paid comes first) / too_early / already_open"""


def valid_until_from(day):
    """The last day of the month of `day`, VALID_YEARS later."""
    later = add_months(day, VALID_YEARS * 12)
    return add_months(later.replace(day=1), 1) - dt.timedelta(days=1)


def renewal_opens_on(company):
    until = company.registration_valid_until
    return dates.renewal_opens_on(until) if until else None


def renewal_fee(company, day):
    """(amount, scheme): the 事業者登録料 in force on `day` for the company's capital (renewal costs the same)."""
    return company_registration_fee(day, company.entity_type, company.capital)


def extended_validity(company, paid_on):
    """Renewed before expiry: 5 years on from the old end; after it: 5 years from the payment."""
    old = company.registration_valid_until
    return valid_until_from(old if old is not None and old >= paid_on else paid_on)


def open_renewal(company):
    return (
        Invoice.select()
        .where(
            (Invoice.purpose == "company_renewal") & (Invoice.company_ref == company.id) & (Invoice.status == "open")
        )
        .order_by(Invoice.id.desc())
        .first()
    )


def file_renewal(company, payer, today, method=""):
    """更新申請: bills the fee in force to `payer` with the chosen method; a 0-yen fee renews at once."""
    opens_on = renewal_opens_on(company)
    if opens_on is None or company.registration_paid_on is None or not company.approved:
        raise RenewalError("not_registered")
    if today < opens_on:
        raise RenewalError("too_early", opens_on)
    if open_renewal(company) is not None:
        raise RenewalError("already_open")
    amount, scheme = renewal_fee(company, today)
    with db.atomic():
        invoice = Invoice.open_for("company_renewal", payer, amount, today, scheme, company_ref=company.id)
        if invoice.paid:
            renewal_paid(invoice, today)
        elif method:
            invoice.choose_method(method, today)
    return invoice


def renewal_paid(invoice, today):
    """A paid renewal invoice extends the company's validity (called once, when the payment is recorded)."""
    company = Company.get_by_id(invoice.company_ref)
    company.registration_valid_until = extended_validity(company, invoice.paid_on or today)
    audit.save(company, "registration_renewed", invoice.recorded_by)


def companies_to_remind(today):
    """Approved companies whose renewal window is open and whose registration has not expired, not yet
    reminded for this validity: [(company, ref)]."""
    companies = Company.select().where(
        (Company.status == "approved") & Company.registration_valid_until.between(today, dates.renewable_until(today))
    )
    for company in companies.order_by(Company.id):
        ref = f"company:{company.id}:{company.registration_valid_until.isoformat()}"
        if NoticeLog.find(REMINDER, ref) is None:
            yield company, ref
