"""代行申請: a registered company (with a 事業者ID) files worker applications on the workers' behalf.
Each filing remembers which company filed, for which worker, and the row key (name + birth date) that
keeps a second upload of the same list from filing the same person twice."""

import json
import re
import unicodedata

from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from peewee import JOIN, CharField, DateTimeField, ForeignKeyField, IntegerField, TextField

from extensions import db
from models.accounts.accounts import Account
from models.accounts.companies import Company
from models.accounts.workers import Worker
from models.core.base import BaseModel
from models.core.clock import utcnow
from models.core.errors import DomainError
from models.core.ids import normalize_id
from models.registration.applications import Application
from models.registration.attachments import Attachment
from models.registration.company_application import start_company_application, submit_company_application
from models.registration.worker_applications import submit_worker_application

MAX_INTERMEDIARIES = 5


class ProxyError(DomainError):
    """code: no_consent (submit before consent), consenter (no name of who consents), intermediary_format
    / intermediary_unknown / intermediary_self (a company in between: its 事業者ID), not_draft, already_filed
    (the company filed this person before), email (a worker filed without their own e-mail), password (taking over a login that exists); standing consents:
    principal_unknown, principal_self, actions, not_waiting, no_login (asked in the app without a login)."""

    def __init__(self, code, detail=""):
        super().__init__(code)
        self.detail = detail


def row_key(family_name, given_name, middle_name, birth_date):
    """The stable key of one person in a company's lists: the name without spaces or width, and the birth date."""
    name = unicodedata.normalize("NFKC", f"{family_name}{given_name}{middle_name or ''}")
    squashed = re.sub(r"\s+", "", name).lower()
    return f"{squashed}|{birth_date.isoformat()}"


class ProxyFiling(BaseModel):
    """One worker application filed by `company` (代行申請事業者) by `filed_by` (a clerk of it)."""

    company = ForeignKeyField(Company, backref="proxy_filings")
    application = ForeignKeyField(Application, unique=True, on_delete="CASCADE")
    worker = ForeignKeyField(Worker, null=True, on_delete="CASCADE")
    principal_company = ForeignKeyField(Company, null=True)  # a new company application's company (Q1-1 ③)
    row_key = CharField()
    bulk_import = IntegerField(null=True)  # the BulkImport that brought the row, if any
    source_row = IntegerField(null=True)  # its row number in the uploaded sheet
    filed_by = ForeignKeyField(Account)

    class Meta:
        indexes = ((("company", "row_key"), True),)

    @classmethod
    def joined(cls):
        """Filings with their application, worker and filing company, in filing order."""
        return (
            cls.select(cls, Application, Worker, Company)
            .join(Application)
            .switch(cls)
            .join(Worker, JOIN.LEFT_OUTER)
            .switch(cls)
            .join(Company, on=(cls.company == Company.id))
            .order_by(cls.id)
        )

    @classmethod
    def of_company(cls, company):
        return cls.joined().where(cls.company == company)

    @classmethod
    def of_application(cls, application):
        return cls.get_or_none(cls.application == application)

    @classmethod
    def taken_keys(cls, company):
        return {key for (key,) in cls.select(cls.row_key).where(cls.company == company).tuples()}

    @property
    def kind(self):
        return self.application.kind  # worker / company

    @property
    def principal_name(self):
        return self.worker.full_name if self.worker_id else self.principal_company.name

    def asked(self):
        return asked_in_app(self)

    def consent(self):
        return (
            ProxyConsent.select()
            .where((ProxyConsent.filing == self) & ProxyConsent.consented_at.is_null(False))
            .order_by(ProxyConsent.id.desc())
            .first()
        )


# What a consent may cover (Q1-1): 新規申請 (①③), 変更申請 (②④), 就業履歴の入力代行 (⑤).
ACTIONS = ("new", "change", "history")


class ProxyConsent(BaseModel):
    """代行申請同意書: who consents, the proxy company, and every company the request passes through on
    the way (Q3-3), with the signed form attached or, for a worker with a login, given in the app. A new
    application's consent belongs to its filing; a standing one (changes, work history) names its
    principal — a worker or a company — and is asked for before it is given (consented_at empty)."""

    filing = ForeignKeyField(ProxyFiling, backref="consents", null=True, on_delete="CASCADE")
    principal = CharField(default="worker")  # worker / company: who consents
    worker = ForeignKeyField(Worker, null=True, backref="proxy_consents", on_delete="CASCADE")
    principal_company = ForeignKeyField(Company, null=True)
    actions = CharField(default="new")  # comma-separated ACTIONS
    consenter_name = CharField()
    proxy_company = ForeignKeyField(Company)
    intermediaries = TextField(default="[]")  # JSON [[business ID, name], ...] in order from the principal
    method = CharField(default="paper")  # paper (signed form attached) / app (the worker consented logged in)
    attachment = ForeignKeyField(Attachment, null=True)
    recorded_by = ForeignKeyField(Account, null=True)
    consented_at = DateTimeField(null=True, default=utcnow)
    revoked_at = DateTimeField(null=True)

    def chain(self):
        return [tuple(pair) for pair in json.loads(self.intermediaries or "[]")]

    def action_list(self):
        return [a for a in (self.actions or "").split(",") if a in ACTIONS]

    def covers(self, action):
        """The one rule of every proxy filing: consent given, not withdrawn, for this action."""
        return self.consented_at is not None and self.revoked_at is None and action in self.action_list()

    @property
    def subject(self):
        """The worker or company the consent is for."""
        return self.worker if self.principal == "worker" else self.principal_company


def awaiting_consent(filings):
    """The editable drafts among `filings` that have no consent yet, in one query."""
    ids = [f.id for f in filings]
    given = (
        ProxyConsent.select(ProxyConsent.filing)
        .where(ProxyConsent.filing.in_(ids) & ProxyConsent.consented_at.is_null(False))
        .tuples()
    )
    consented = {filing_id for (filing_id,) in given}
    return [f for f in filings if f.application.editable and f.id not in consented]


def intermediary_companies(proxy_company, typed_ids):
    """[(事業者ID, name)] of the companies in between, from the IDs typed (blanks left out, order kept).
    Raises ProxyError when one is not a registered company or is the proxy company itself."""
    chain = []
    for typed in typed_ids:
        if not (typed or "").strip():
            continue
        business_id = normalize_id(typed)
        if len(business_id) != 14:
            raise ProxyError("intermediary_format", typed)
        company = Company.by_business_id(business_id)
        if company is None:
            raise ProxyError("intermediary_unknown", typed)
        if company.id == proxy_company.id:
            raise ProxyError("intermediary_self", typed)
        if business_id not in dict(chain):
            chain.append((business_id, company.name))
    if len(chain) > MAX_INTERMEDIARIES:
        raise ProxyError("intermediary_format", typed_ids[-1])
    return chain


def record_paper_consent(filing, actor, consenter_name, intermediary_ids, data, filename):
    """Records the signed consent form (attached to the worker's files). Raises ProxyError or AttachmentError."""
    if not (consenter_name or "").strip():
        raise ProxyError("consenter")
    chain = intermediary_companies(filing.company, intermediary_ids)
    with db.atomic():
        owner = {"worker": filing.worker} if filing.worker_id else {"company": filing.principal_company}
        attachment = Attachment.store(data, filename, "proxy_consent", **owner)
        return ProxyConsent.create(
            filing=filing,
            principal="worker" if filing.worker_id else "company",
            consenter_name=consenter_name.strip(),
            proxy_company=filing.company,
            intermediaries=json.dumps(chain, ensure_ascii=False),
            method="paper",
            attachment=attachment,
            recorded_by=actor,
        )


def submit_filing(filing, actor):
    """Submits a proxy draft once its consent is recorded. Raises ProxyError or IncompleteError."""
    if filing.application.status not in ("draft", "returned"):
        raise ProxyError("not_draft")
    if filing.consent() is None:
        raise ProxyError("no_consent")
    if filing.kind == "company":
        return submit_company_application(filing.application, actor)
    return submit_worker_application(filing.application, actor)


def hand_over(filing, account):
    """Another clerk of the proxy company takes over filling in the draft (the one who uploaded it may
    be away); the application's events record who did."""
    application = filing.application
    if not application.editable:
        raise ProxyError("not_draft")
    if application.applicant_id != account.id:
        with db.atomic():
            Application.update(applicant=account).where(Application.id == application.id).execute()
            application.applicant = account
            application.log("handed_over", account)
    return application


def file_company(proxy_company, account, entity_type):
    """A new company application filed by `proxy_company` (Q1-1 ③): the draft is filled in by its clerk
    (its admin ID until the company's own people take over) and submitted once the company consents."""
    with db.atomic():
        application = start_company_application(account, entity_type)
        return ProxyFiling.create(
            company=proxy_company,
            application=application,
            principal_company=application.company,
            row_key=f"company:{application.company_id}",
            filed_by=account,
        )


# --- the worker takes over (Q1-7) ------------------------------------------------------------------

TAKEOVER_SALT = "careerup-proxy-takeover"


def takeover_token(secret, worker):
    """A mailed link for a worker registered by proxy to take over their own login; it names the address
    it was sent to, so it stops working once the worker has a login or another address."""
    return URLSafeTimedSerializer(secret, salt=TAKEOVER_SALT).dumps({"w": worker.id, "e": worker.email})


def read_takeover(secret, token, max_age):
    """The worker the link is for, or (None, reason) with reason 'expired' / 'invalid'."""
    try:
        data = URLSafeTimedSerializer(secret, salt=TAKEOVER_SALT).loads(token, max_age=max_age)
    except SignatureExpired:
        return None, "expired"
    except BadSignature:
        return None, "invalid"
    worker = Worker.get_or_none(Worker.id == data.get("w"))
    if worker is None or worker.account_id is not None or not worker.email or worker.email != data.get("e"):
        return None, "invalid"
    return worker, None


def take_over(worker, password):
    """Gives the worker their own login (the mailed address is proven by the link). When a login with that
    address already exists, its password must be the one given. Raises ProxyError('password')."""
    account = Account.by_email(worker.email)
    with db.atomic():
        if account is None:
            account = Account(email=worker.email.strip().lower(), display_name=worker.full_name)
            account.set_password(password)
            account.email_confirmed_at = utcnow()
            account.save()
        elif not account.check_password(password) or account.worker is not None:
            raise ProxyError("password")
        worker.account = account
        worker.save()
    return account


def filings_for_worker(worker):
    """Who filed for this worker: the proxy filings with their company."""
    return list(ProxyFiling.joined().where(ProxyFiling.worker == worker))


def asked_in_app(filing):
    """The company's request for the worker's consent in the app, naming the companies in between."""
    return (
        ProxyConsent.select()
        .where((ProxyConsent.filing == filing) & ProxyConsent.consented_at.is_null())
        .order_by(ProxyConsent.id.desc())
        .first()
    )


def ask_in_app(filing, actor, intermediary_ids):
    """The worker has a login: the company names the chain (Q3-3) and the worker consents in the app."""
    if filing.worker_id is None or filing.worker.account_id is None:
        raise ProxyError("no_login")
    if filing.consent() is not None:
        raise ProxyError("not_waiting")
    chain = intermediary_companies(filing.company, intermediary_ids)
    with db.atomic():
        ProxyConsent.delete().where((ProxyConsent.filing == filing) & ProxyConsent.consented_at.is_null()).execute()
        return ProxyConsent.create(
            filing=filing,
            worker=filing.worker,
            consenter_name="",
            proxy_company=filing.company,
            intermediaries=json.dumps(chain, ensure_ascii=False),
            method="app",
            recorded_by=actor,
            consented_at=None,
        )


def consent_in_app(filing, account):
    """A worker with a login consents in the app instead of signing the paper form (to the chain the
    company named when it asked, if it did)."""
    if filing.consent() is not None:
        return filing.consent()
    consent = asked_in_app(filing) or ProxyConsent(filing=filing, proxy_company=filing.company, method="app")
    consent.consenter_name, consent.recorded_by, consent.consented_at = filing.worker.full_name, account, utcnow()
    consent.save()
    return consent
