"""Every notice the system mails, one function each: it loads what it needs by id, picks the address
(a worker's by models/notices.worker_contact, the one rule) and writes the mail to the outbox in the
caller's transaction (tasks/mail.send_mail). Views call one line; templates/mail/*.txt are the bodies."""

from flask import current_app
from flask_babel import format_datetime

from config import signing_keys
from models.accounts.accounts import Account
from models.accounts.admins import AdminInvitation
from models.accounts.companies import Company
from models.accounts.notices import worker_contact
from models.accounts.roles import company_admins
from models.accounts.tokens import make_token, sign
from models.accounts.workers import Worker
from models.billing.admin_billing import AdminIdBill
from models.billing.payments import Invoice
from models.cards.cards import Card, CardRequest
from models.core import codes
from models.registration.applications import Application
from models.registration.changes import ChangeRequest, LinkRequest
from models.registration.fields.sets import field_labels
from models.registration.proxy import ProxyConsent, ProxyFiling, takeover_token
from models.support.faq import contacts
from models.support.inquiries import Inquiry
from tasks.mail import send_mail
from tasks.urls import external_url

# --- accounts -----------------------------------------------------------------------------------


def signup_confirmation(account_id, lang, intent=None):
    """The link that confirms a new account's e-mail address (and opens the application it was made for)."""
    account = Account.get_by_id(account_id)
    token = make_token(signing_keys(current_app.config), "confirm", account)
    extra = {"for": intent} if intent else {}
    return send_mail(
        account.email,
        "confirm",
        lang=lang,
        name=account.display_name,
        url=external_url("auth.confirm", token=token, **extra),
    )


def signup_existing(account_id):
    """Someone signed up with a confirmed account's address: its owner is told, the page says nothing."""
    account = Account.get_by_id(account_id)
    return send_mail(
        account.email,
        "signup_existing",
        lang=account.lang,
        name=account.display_name,
        login_url=external_url("auth.login_form"),
        reset_url=external_url("auth.forgot_form"),
    )


def password_reset(account_id, lang=None):
    """The password-reset link, in the language of the page that asked for it."""
    account = Account.get_by_id(account_id)
    token = make_token(signing_keys(current_app.config), "reset", account)
    return send_mail(
        account.email,
        "reset",
        lang=lang or account.lang,
        name=account.display_name,
        url=external_url("auth.reset", token=token),
    )


def account_locked(account_id):
    """Too many wrong passwords: the lock's end and a link that unlocks at once (valid for this lock only)."""
    account = Account.get_by_id(account_id)
    payload = {"a": account.id, "l": account.locked_until.isoformat()}
    return send_mail(
        account.email,
        "unlock",
        lang=account.lang,
        name=account.display_name,
        until=format_datetime(account.locked_until, "HH:mm"),
        url=external_url("auth.unlock_form", token=sign(signing_keys(current_app.config), "unlock", payload)),
    )


def admin_invited(invitation_id, password=None):
    """An invitation to be a company admin; `password` only when a login was made for the invitee.
    Nothing about the invitee's account goes to the inviting company (issue 7 item 6)."""
    invitation = AdminInvitation.get_by_id(invitation_id)
    account = invitation.account
    return send_mail(
        account.email,
        "admin_invited",
        lang=account.lang,
        name=invitation.invited_name,
        company=invitation.company.name,
        role=codes.label(codes.ADMIN_ROLES, invitation.role),
        email=account.email,
        password=password,
        url=external_url("auth.invitation", invitation_id=invitation.id),
    )


def inquiry_copy(inquiry_id, lang="ja"):
    """The sender's copy of a public inquiry: its reference, category and where to read answers —
    never the text typed in, so the form cannot relay a stranger's words (issue 7 item 7)."""
    inquiry = Inquiry.get_by_id(inquiry_id)
    return send_mail(
        inquiry.email,
        "inquiry_copy",
        lang=lang,
        reference=inquiry.reference,
        category=inquiry.category,
        contact=contacts(lang)["inquiry"],
        url=external_url("public.faq"),
    )


# --- registration applications ------------------------------------------------------------------


def _application_common(application):
    return {
        "name": application.subject_name if application.channel == "paper" else application.applicant.display_name,
        "subject_name": application.subject_name,
        "kind": application.kind,
        "url": external_url("apply.portal"),
    }


def deficiency(application_id):
    """「技能者情報申請内容不備のお知らせ」 (事業者情報… for a company): each returned field and its message."""
    application = Application.get_by_id(application_id)
    applicant = application.applicant
    labels = field_labels(application.kind, applicant.lang)
    items = [(labels.get(d.field, d.field), d.message) for d in application.open_deficiencies()]
    return send_mail(
        applicant.email,
        "deficiency",
        lang=applicant.lang,
        round=application.round,
        items=items,
        **_application_common(application),
    )


def _ids(application):
    return {
        "business_id": application.company.business_id if application.kind == "company" else "",
        "worker_id": application.worker.worker_id if application.kind == "worker" else "",
    }


def _recipient(application):
    """(e-mail, language) of who hears about an application: the applicant, or for a counter/paper
    application (filed by staff) the worker's own contact address, if any."""
    if application.channel == "paper" and application.kind == "worker":
        return worker_contact(application.worker)
    return application.applicant.email, application.applicant.lang


def application_approved(application_id):
    """The ID notice, and the fee notice when there is a fee to pay (none for a 一人親方's company)."""
    application = Application.get_by_id(application_id)
    invoice = application.invoice()
    email, lang = _recipient(application)
    if not email:
        return
    context = {**_application_common(application), **_ids(application), "amount": invoice.amount}
    send_mail(email, f"approved_{application.kind}", lang=lang, **context)
    if invoice.amount > 0:
        fee_notice(invoice.id)


def _invoice(invoice):
    """What every fee mail says about the slip, with the link to the payer's invoice page."""
    return {
        "amount": invoice.amount,
        "reference": invoice.reference,
        "due_on": invoice.due_on,
        "url": external_url("apply.invoice_detail", invoice_id=invoice.id),
    }


def fee_notice(invoice_id):
    """「システム登録料金額のご案内」 for a registration invoice, to the address the slip goes to."""
    invoice = Invoice.get_by_id(invoice_id)
    application = Application.get_by_id(invoice.application_ref)
    email, lang = _recipient(application)
    slip_name, slip_address = application.fee_notice_address()
    if not email:
        return None
    return send_mail(
        email,
        "fee_notice",
        lang=lang,
        slip_name=slip_name,
        slip_address=slip_address,
        **{**_application_common(application), **_ids(application), **_invoice(invoice)},
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


def change_decided(change_id):
    """変更申請: approved, or returned with the reviewer's note."""
    change = ChangeRequest.get_by_id(change_id)
    applicant = change.requested_by
    endpoint = "worker.change_detail" if change.kind == "worker" else "company.change_detail"
    return send_mail(
        applicant.email,
        "change_decided",
        lang=applicant.lang,
        name=applicant.display_name,
        subject_name=change.subject_name,
        approved=change.status == "approved",
        note=change.reviewer_note,
        card_face=change.touches_card_face,
        url=external_url(endpoint, change_id=change.id),
    )


# --- workers: cards and links -------------------------------------------------------------------


def _to_worker(worker, template, **context):
    """Mail to a worker at their contact address; nothing when they have none."""
    email, lang = worker_contact(worker)
    if email:
        return send_mail(email, template, lang=lang, name=worker.full_name, **context)
    return None


def card_mailed(card_id):
    card = Card.get_by_id(card_id)
    worker = card.worker
    return _to_worker(
        worker, "card_mailed", worker_id=worker.worker_id, level=card.level, url=external_url("worker.card_detail")
    )


def card_fee_notice(card_request_id):
    """The reissue / gold-card fee to pay before the new card is made."""
    card_request = CardRequest.get_by_id(card_request_id)
    return _to_worker(
        card_request.worker,
        "card_fee_notice",
        kind=card_request.kind,
        **_invoice(card_request.invoice()),
    )


def card_request_rejected(card_request_id):
    card_request = CardRequest.get_by_id(card_request_id)
    return _to_worker(
        card_request.worker,
        "card_request_rejected",
        kind=card_request.kind,
        note=card_request.rejection_note(),
        url=external_url("worker.card_detail"),
    )


def card_request_advanced(card_request_id):
    """A reissue / gold-card request moved on: the fee to pay, or the new card in the post."""
    card_request = CardRequest.get_by_id(card_request_id)
    if card_request.status == "awaiting_payment":
        return card_fee_notice(card_request.id)
    if card_request.status == "mailed":
        return card_mailed(card_request.card_id)
    return None


def _to_company_admins(company, template, **context):
    for admin in company_admins(company):
        send_mail(admin.email, template, lang=admin.lang, name=admin.display_name, **context)


def site_invited(contract_id):
    """A company invited into a site's subcontract tree: each of its admins hears who invited it where."""
    from models.sites.sites import SiteContract

    contract = SiteContract.get_by_id(contract_id)
    _to_company_admins(
        contract.company,
        "site_invited",
        inviter=contract.parent.name,
        site=contract.site.name,
        tier=contract.tier,
        url=external_url("company.dashboard"),
    )


def link_proposed(link_id):
    """関連付け proposed: the other side is asked to agree."""
    link = LinkRequest.get_by_id(link_id)
    worker, company = Worker.get_by_id(link.worker_id), link.company
    if link.proposed_by == "worker":
        _to_company_admins(
            company,
            "link_proposed",
            other=worker.full_name,
            other_id=worker.worker_id,
            url=external_url("company.affiliations"),
        )
    else:
        _to_worker(
            worker,
            "link_proposed",
            other=company.name,
            other_id=company.business_id,
            url=external_url("worker.affiliations"),
        )


def link_answered(link_id):
    """関連付け accepted or declined: the side that proposed hears the answer."""
    link = LinkRequest.get_by_id(link_id)
    worker, company, accepted = Worker.get_by_id(link.worker_id), link.company, link.status == "accepted"
    if link.proposed_by == "worker":
        _to_worker(
            worker, "link_answered", other=company.name, accepted=accepted, url=external_url("worker.affiliations")
        )
    else:
        _to_company_admins(
            company,
            "link_answered",
            other=worker.full_name,
            accepted=accepted,
            url=external_url("company.affiliations"),
        )


# --- daily notices (tasks/periodic.py) ----------------------------------------------------------


def card_expiry(card_id, days_left):
    """90 and 30 days before the card's validity ends."""
    card = Card.get_by_id(card_id)
    worker = card.worker
    return _to_worker(
        worker,
        "card_expiry",
        worker_id=worker.worker_id,
        days_left=days_left,
        valid_until=card.valid_until.strftime("%Y/%m/%d"),
        url=external_url("worker.card_renewal_form"),
    )


def company_registration_expiry(company_id):
    """事業者登録の有効期限: once, when renewal opens (RENEWAL_WINDOW_MONTHS before), to the company's admins."""
    company = Company.get_by_id(company_id)
    _to_company_admins(
        company,
        "company_registration_expiry",
        company_name=company.name,
        business_id=company.business_id,
        valid_until=company.registration_valid_until.strftime("%Y/%m/%d"),
        url=external_url("company.registration_renewal_form"),
    )


def account_unused(account_id, since, deactivate_on):
    """11 months without use (Q5-15): the day the account will be deactivated."""
    account = Account.get_by_id(account_id)
    return send_mail(
        account.email,
        "account_unused",
        lang=account.lang,
        name=account.display_name,
        since=since.strftime("%Y/%m/%d"),
        deactivate_on=deactivate_on.strftime("%Y/%m/%d"),
        url=external_url("auth.login_form"),
    )


def account_deactivated(account_id, since):
    """12 months without use: deactivated; a password reset or an inquiry reopens it."""
    account = Account.get_by_id(account_id)
    return send_mail(
        account.email,
        "account_deactivated",
        lang=account.lang,
        name=account.display_name,
        since=since.strftime("%Y/%m/%d"),
        reset_url=external_url("auth.forgot_form"),
        inquiry_url=external_url("public.inquiry_form", category="8"),
    )


def level_rise(worker_id, trade, level):
    """能力評価: the nightly evaluation raised the worker's level in a trade."""
    worker = Worker.get_by_id(worker_id)
    return _to_worker(worker, "level_rise", trade=trade, level=level, url=external_url("worker.level"))


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


# --- proxy filings (代行申請) -------------------------------------------------------------------


def proxy_takeover(filing_id):
    """Q1-7: the worker a company registered by proxy is invited to take over their own login."""
    filing = ProxyFiling.get_by_id(filing_id)
    worker = filing.worker
    token = takeover_token(signing_keys(current_app.config), worker)
    url = external_url("auth.takeover_form", token=token)
    return send_mail(
        worker.email, "proxy_takeover", lang="ja", name=worker.full_name, company=filing.company.name, url=url
    )


def proxy_consent_asked(consent_id):
    """A proxy company asks a worker with a login to consent in the app (Q1-1 ②⑤, Q3-3)."""
    consent = ProxyConsent.get_by_id(consent_id)
    company = consent.proxy_company
    return _to_worker(
        consent.worker,
        "proxy_consent_asked",
        company=company.name,
        business_id=company.business_id,
        actions=consent.action_list(),
        chain=consent.chain(),
        url=external_url("auth.proxy_filed"),
    )
