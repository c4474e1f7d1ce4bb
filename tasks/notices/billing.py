"""Notices about money: the registration fee, a recorded payment, the admin-ID fee, company renewal."""

from models.accounts.accounts import Account
from models.accounts.companies import Company
from models.billing.admin_billing import AdminIdBill
from models.billing.payments import Invoice
from models.registration.applications import Application
from tasks.mail import send_mail
from tasks.notices.recipients import (
    application_context,
    application_recipient,
    invoice_context,
    issued_ids,
    to_company_admins,
)
from tasks.urls import external_url


def fee_notice(invoice_id):
    """「システム登録料金額のご案内」 for a registration invoice, to the address the slip goes to."""
    invoice = Invoice.get_by_id(invoice_id)
    application = Application.get_by_id(invoice.application_ref)
    email, lang = application_recipient(application)
    slip_name, slip_address = application.fee_notice_address()
    if not email:
        return None
    return send_mail(
        email,
        "fee_notice",
        lang=lang,
        slip_name=slip_name,
        slip_address=slip_address,
        **{**application_context(application), **issued_ids(application), **invoice_context(invoice)},
    )


def payment_recorded(invoice_id):
    """What a recorded payment tells the payer: a company's 事業者ID is now usable (the completion notice
    after the registration fee, DOMAIN §4). Other payments say nothing here (their own notices follow)."""
    invoice = Invoice.get_by_id(invoice_id)
    if invoice.purpose != "company_registration" or not invoice.paid or invoice.amount == 0:
        return None
    application = Application.get_by_id(invoice.application_ref)
    payer = invoice.payer
    return send_mail(
        payer.email,
        "company_ready",
        lang=payer.lang,
        name=payer.display_name,
        subject_name=application.subject_name,
        business_id=application.company.business_id,
        url=external_url("company.dashboard"),
    )


def admin_fee(bill_id, kind, account_id):
    """管理者ID利用料: the notice of an unpaid bill (admin_fee_notice) or the suspension that follows
    (admin_fee_suspended), to one of the company's admins."""
    bill, account = AdminIdBill.get_by_id(bill_id), Account.get_by_id(account_id)
    return send_mail(
        account.email,
        kind,
        lang=account.lang,
        company=bill.company.name,
        amount=bill.invoice.amount,
        due=bill.invoice.due_on.strftime("%Y/%m/%d"),
        url=external_url("apply.invoice_detail", invoice_id=bill.invoice_ref),
    )


def company_registration_expiry(company_id):
    """事業者登録の有効期限: once, when renewal opens (core/dates.renewal_opens_on), to the company's admins."""
    company = Company.get_by_id(company_id)
    to_company_admins(
        company,
        "company_registration_expiry",
        company_name=company.name,
        business_id=company.business_id,
        valid_until=company.registration_valid_until.strftime("%Y/%m/%d"),
        url=external_url("company.registration_renewal_form"),
    )
