"""Notices about registration: an application returned or approved, a change decided, a 関連付け
proposed or answered, a proxy filing's consent and takeover."""

from flask import current_app

from config import signing_keys
from models.accounts.workers import Worker
from models.registration.applications import Application
from models.registration.changes import ChangeRequest, LinkRequest
from models.registration.fields.sets import field_labels
from models.registration.proxy import ProxyConsent, ProxyFiling, takeover_token
from tasks.mail import send_mail
from tasks.notices.billing import fee_notice
from tasks.notices.recipients import (
    application_context,
    application_recipient,
    issued_ids,
    to_company_admins,
    to_worker,
)
from tasks.urls import external_url


def deficiency(application_id):
    """「技能者情報申請内容不備のお知らせ」 (事業者情報… for a company): each returned field and its message."""
    application = Application.get_by_id(application_id)
    applicant = application.applicant
    labels = field_labels(application.kind)
    items = [(labels.get(d.field, d.field), d.message) for d in application.open_deficiencies()]
    return send_mail(
        applicant.email,
        "deficiency",
        lang=applicant.lang,
        round=application.round,
        items=items,
        **application_context(application),
    )


def application_approved(application_id):
    """The ID notice, and the fee notice when there is a fee to pay (none for a 一人親方's company)."""
    application = Application.get_by_id(application_id)
    invoice = application.invoice()
    email, lang = application_recipient(application)
    if not email:
        return
    context = {**application_context(application), **issued_ids(application), "amount": invoice.amount}
    send_mail(email, f"approved_{application.kind}", lang=lang, **context)
    if invoice.amount > 0:
        fee_notice(invoice.id)


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


def link_proposed(link_id):
    """関連付け proposed: the other side is asked to agree."""
    link = LinkRequest.get_by_id(link_id)
    worker, company = Worker.get_by_id(link.worker_id), link.company
    if link.proposed_by == "worker":
        to_company_admins(
            company,
            "link_proposed",
            other=worker.full_name,
            other_id=worker.worker_id,
            url=external_url("company.affiliations"),
        )
    else:
        to_worker(
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
        to_worker(
            worker, "link_answered", other=company.name, accepted=accepted, url=external_url("worker.affiliations")
        )
    else:
        to_company_admins(
            company,
            "link_answered",
            other=worker.full_name,
            accepted=accepted,
            url=external_url("company.affiliations"),
        )


def proxy_takeover(filing_id):
    """Q1-7: the worker a company registered by proxy (代行申請) is invited to take over their own login."""
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
    return to_worker(
        consent.worker,
        "proxy_consent_asked",
        company=company.name,
        business_id=company.business_id,
        actions=consent.action_list(),
        chain=consent.chain(),
        url=external_url("auth.proxy_filed"),
    )
