"""Standing proxy consents (代行申請同意書) for change applications and work-history entry (Q1-1 ②④⑤):
a registered company names the principal (a worker by 技能者ID and birth date, or a company by 事業者ID),
the actions and every company in between (Q3-3); the consent is then given on the signed paper form or,
by a worker with a login, in the app. Filing under it is ChangeRequest.file / enter_day with the consent."""

import json

from extensions import db
from models.accounts.companies import Company
from models.accounts.workers import Worker
from models.core.clock import utcnow
from models.core.ids import normalize_id
from models.registration.attachments import Attachment
from models.registration.proxy import ACTIONS, ProxyConsent, ProxyError, intermediary_companies

MANDATE_ACTIONS = {"worker": ("change", "history"), "company": ("change",)}


def find_principal(kind, typed_id, birth_date=None):
    """The registered worker (技能者ID and the birth date, both from the signed form) or company (事業者ID).
    Raises ProxyError('principal_unknown') without saying which part did not match."""
    number = normalize_id(typed_id or "")
    if kind == "worker":
        found = Worker.get_or_none((Worker.worker_id == number) & (Worker.status == "approved"))
        if found is None or birth_date is None or found.birth_date != birth_date:
            raise ProxyError("principal_unknown", typed_id)
        return found
    found = Company.by_business_id(number) if number else None
    if found is None or not found.approved:
        raise ProxyError("principal_unknown", typed_id)
    return found


def start(proxy_company, actor, kind, principal, actions, via_ids):
    """Names the principal, actions and chain of a consent still to be given (the form is then printed
    pre-filled, or the worker is asked in the app). Raises ProxyError."""
    actions = [a for a in ACTIONS if a in actions and a in MANDATE_ACTIONS[kind]]
    if not actions:
        raise ProxyError("actions")
    if kind == "company" and principal.id == proxy_company.id:
        raise ProxyError("principal_self")
    chain = intermediary_companies(proxy_company, via_ids)
    return ProxyConsent.create(
        principal=kind,
        worker=principal if kind == "worker" else None,
        principal_company=principal if kind == "company" else None,
        actions=",".join(actions),
        consenter_name="",
        proxy_company=proxy_company,
        intermediaries=json.dumps(chain, ensure_ascii=False),
        method="",
        recorded_by=actor,
        consented_at=None,
    )


def _waiting(consent):
    if consent.consented_at is not None or consent.revoked_at is not None:
        raise ProxyError("not_waiting")


def record_paper(consent, actor, consenter_name, data, filename):
    """The signed form is attached: the consent is given. Raises ProxyError or AttachmentError."""
    _waiting(consent)
    if not (consenter_name or "").strip():
        raise ProxyError("consenter")
    owner = {"worker": consent.worker} if consent.principal == "worker" else {"company": consent.principal_company}
    with db.atomic():
        consent.attachment = Attachment.store(data, filename, "proxy_consent", **owner)
        consent.consenter_name, consent.method = consenter_name.strip(), "paper"
        consent.recorded_by, consent.consented_at = actor, utcnow()
        consent.save()
    return consent


def ask_in_app(consent):
    """The worker has a login: they are asked to consent in the app (the caller mails the notice)."""
    _waiting(consent)
    if consent.principal != "worker" or consent.worker.account_id is None:
        raise ProxyError("no_login")
    consent.method = "app"
    consent.save()
    return consent


def give_in_app(consent, account):
    """The worker, logged in, consents to what the company asked."""
    _waiting(consent)
    consent.consenter_name, consent.recorded_by, consent.consented_at = consent.worker.full_name, account, utcnow()
    consent.save()
    return consent


def revoke(consent, account):
    """The worker withdraws a consent (or declines a request); nothing more can be filed under it."""
    if consent.revoked_at is None:
        consent.revoked_at, consent.recorded_by = utcnow(), account
        consent.save()
    return consent


def of_company(company):
    """The proxy company's standing consents, newest first."""
    return (
        ProxyConsent.select()
        .where((ProxyConsent.proxy_company == company) & ProxyConsent.filing.is_null())
        .order_by(ProxyConsent.id.desc())
    )


def of_worker(worker):
    """The consents a worker gave or was asked for, newest first (what the worker sees)."""
    return (
        ProxyConsent.select(ProxyConsent, Company)
        .join(Company, on=(ProxyConsent.proxy_company == Company.id))
        .where((ProxyConsent.worker == worker) & ProxyConsent.filing.is_null() & (ProxyConsent.method != ""))
        .order_by(ProxyConsent.id.desc())
    )
