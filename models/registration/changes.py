"""変更申請 (change applications, Q2-1), 関連付け (linking a worker and a company with both sides
agreeing, Q4-3/Q2-6) and 退職 (retirement, Q1-16: ends the affiliation, keeps all history)."""

import datetime as dt
import json

from peewee import CharField, DateTimeField, ForeignKeyField, TextField

from extensions import db
from models.accounts import audit
from models.accounts.accounts import Account
from models.accounts.companies import Company
from models.accounts.workers import Affiliation, Worker
from models.core.base import BaseModel
from models.core.clock import utcnow
from models.core.errors import DomainError
from models.registration.fields.values import store
from models.registration.proxy import ProxyConsent
from models.sites.records import remove_from_roster
from models.sites.sites import RosterEntry, SiteError

# What a change application may touch, by fieldsets section. Everything else is refused: birth date
# and face photo are fixed for life (DOMAIN §4), IDs and status belong to the registration, and
# detail rows (qualifications, affiliations) have flows of their own.
CHANGEABLE = {
    "worker": {
        "identity": [
            "family_name",
            "given_name",
            "middle_name",
            "family_kana",
            "given_kana",
            "alias_name",
            "print_alias",
            "gender",
            "nationality",
            "blood_type",
        ],
        "contact": [
            "postal_code",
            "address",
            "address_from_licence_back",
            "phone",
            "email",
            "emergency_name",
            "emergency_relation",
            "emergency_phone",
        ],
        "work": ["main_trade", "experience_years"],
        "insurance": [
            "health_insurance",
            "pension",
            "employment_insurance",
            "kentaikyo_number",
            "chutaikyo",
            "health_check_date",
        ],
        "residence": ["residence_status", "residence_card_number", "residence_until", "acceptance_plan_number"],
    },
    "company": {
        "basic": [
            "name",
            "name_kana",
            "representative_name",
            "postal_code",
            "address",
            "phone",
            "email",
            "capital",
            "employee_count",
        ],
        "licence": ["has_licence", "licence_authority", "licence_kind", "licence_number", "licence_trades"],
        "officer": ["officer_name", "officer_postal_code", "officer_address", "officer_phone", "officer_email"],
        "insurance": [
            "health_insurance",
            "pension",
            "employment_insurance",
            "employment_insurance_number",
            "rousai_special",
            "rousai_number",
        ],
    },
}
FROZEN = {"worker": ["birth_date", "face_photo"], "company": ["entity_type"]}
# A change of these needs a new card face (券面書換), which goes through card reissue.
CARD_FACE = {"family_name", "given_name", "middle_name", "alias_name", "print_alias"}


class ChangeError(DomainError):
    """code: frozen / no_change / pending / decided / no_consent (proxy without consent); retiring: already_ended / before_start; the
    affiliation certificate: no_business_id / ended"""

    def __init__(self, code, field=None):
        super().__init__(code)
        self.field = field


def changeable_fields(kind):
    return [f for fields in CHANGEABLE[kind].values() for f in fields]


def kind_of(subject):
    return "worker" if isinstance(subject, Worker) else "company"


class ChangeRequest(BaseModel):
    kind = CharField()  # worker / company
    worker = ForeignKeyField(Worker, null=True, backref="change_requests", on_delete="CASCADE")
    company = ForeignKeyField(Company, null=True, backref="change_requests", on_delete="CASCADE")
    requested_by = ForeignKeyField(Account)
    changes = TextField()  # JSON {field: [old, new]}
    status = CharField(default="submitted")  # submitted / approved / returned
    reviewer = ForeignKeyField(Account, null=True)
    reviewer_note = TextField(default="")
    decided_at = DateTimeField(null=True)
    proxy_consent = ForeignKeyField(ProxyConsent, null=True)  # filed by a proxy company under this consent

    @property
    def subject(self):
        return self.worker if self.kind == "worker" else self.company

    @property
    def subject_name(self):
        return self.worker.full_name if self.kind == "worker" else self.company.name

    def change_items(self):
        return json.loads(self.changes)

    @property
    def touches_card_face(self):
        return self.kind == "worker" and bool(CARD_FACE & set(self.change_items()))

    @classmethod
    def of_worker(cls, worker):
        return cls.select().where((cls.kind == "worker") & (cls.worker == worker)).order_by(cls.id.desc())

    @classmethod
    def of_company(cls, company):
        return cls.select().where((cls.kind == "company") & (cls.company == company)).order_by(cls.id.desc())

    @classmethod
    def queue(cls):
        """The reviewer's list of change applications waiting for a decision, oldest first."""
        return cls.select().where(cls.status == "submitted").order_by(cls.created_at, cls.id)

    @classmethod
    def pending_for(cls, subject):
        mine = cls.of_worker(subject) if kind_of(subject) == "worker" else cls.of_company(subject)
        return mine.where(cls.status == "submitted").first()

    @classmethod
    def file(cls, subject, requested_by, new_values, proxy_consent=None):
        """Files the differences (diff_for); refuses a second while one waits. A proxy company files
        under `proxy_consent`, the subject's, covering changes (代行申請, Q1-1 ②④)."""
        diff = diff_for(subject, new_values)
        kind = kind_of(subject)
        if proxy_consent is not None and not (proxy_consent.covers("change") and proxy_consent.subject == subject):
            raise ChangeError("no_consent")
        with db.atomic():
            if cls.pending_for(subject) is not None:
                raise ChangeError("pending")
            return cls.create(
                kind=kind,
                worker=subject if kind == "worker" else None,
                company=subject if kind == "company" else None,
                requested_by=requested_by,
                changes=json.dumps(diff, ensure_ascii=False),
                proxy_consent=proxy_consent,
            )

    def _decide(self, status, reviewer, note=""):
        """Moves a waiting application to `status`; two staff deciding at once cannot both win."""
        now = utcnow()
        claimed = (
            ChangeRequest.update(status=status, reviewer=reviewer, reviewer_note=note, decided_at=now)
            .where((ChangeRequest.id == self.id) & (ChangeRequest.status == "submitted"))
            .execute()
        )
        if not claimed:
            raise ChangeError("decided")
        self.status, self.reviewer, self.reviewer_note, self.decided_at = status, reviewer, note, now

    def approve(self, reviewer):
        """Applies the new values to the registration."""
        with db.atomic():
            self._decide("approved", reviewer)
            subject = self.subject
            for field, (_old, new) in self.change_items().items():
                store(subject, field, _restore(subject, field, new))
            audit.save(subject, "change_applied", reviewer, note=f"#{self.id}")

    def send_back(self, reviewer, note):
        """Returns the application with a note; nothing in the registration changes."""
        with db.atomic():
            self._decide("returned", reviewer, note)
            audit.decision(self.subject, "change_returned", reviewer, ("submitted", "returned"), note)


def diff_for(subject, new_values):
    """{field: [old, new]} for the values that differ. Refuses fields outside CHANGEABLE (birth date,
    face photo, IDs...) and a filing that changes nothing."""
    allowed = changeable_fields(kind_of(subject))
    diff = {}
    for field, value in new_values.items():
        if field not in allowed:
            raise ChangeError("frozen", field)
        old = getattr(subject, field)
        if _blank(old) != _blank(value):
            diff[field] = [_plain(old), _plain(value)]
    if not diff:
        raise ChangeError("no_change")
    return diff


def _blank(value):
    return "" if value is None else value


def _plain(value):
    return value.isoformat() if isinstance(value, (dt.date, dt.datetime)) else value


def _restore(subject, field, value):
    if type(subject)._meta.fields[field].field_type == "DATE" and value:
        return dt.date.fromisoformat(value)
    return value


class LinkError(DomainError):
    """code: not_registered / already_linked / pending / not_yours"""


def _linked(worker, company):
    current = (Affiliation.worker == worker) & (Affiliation.company == company) & Affiliation.ended_on.is_null()
    return Affiliation.select().where(current).exists()


LINK_KINDS = ("other", "main", "secondment")  # 所属事業者 / 主たる所属事業者 / 出向先 (Q1-14)


class LinkRequest(BaseModel):
    """関連付け: one side proposes, the other agrees; only then is the affiliation made."""

    worker = ForeignKeyField(Worker, backref="link_requests", on_delete="CASCADE")
    company = ForeignKeyField(Company, backref="link_requests", on_delete="CASCADE")
    proposed_by = CharField()  # worker / company
    is_main = CharField(default="other")  # one of LINK_KINDS
    status = CharField(default="pending")  # pending / accepted / declined / withdrawn
    decided_at = DateTimeField(null=True)

    @classmethod
    def of_worker(cls, worker):
        return cls.select(cls, Company).join(Company).where(cls.worker == worker).order_by(cls.id.desc())

    @classmethod
    def of_company(cls, company):
        return cls.select(cls, Worker).join(Worker).where(cls.company == company).order_by(cls.id.desc())

    @classmethod
    def propose(cls, worker, company, by, kind="other"):
        if kind not in LINK_KINDS or by not in ("worker", "company"):
            raise ValueError(kind)
        if not company.approved or not worker.approved:
            raise LinkError("not_registered")
        with db.atomic():
            if _linked(worker, company):
                raise LinkError("already_linked")
            if (
                cls.select()
                .where((cls.worker == worker) & (cls.company == company) & (cls.status == "pending"))
                .exists()
            ):
                raise LinkError("pending")
            return cls.create(worker=worker, company=company, proposed_by=by, is_main=kind)

    def _check_turn(self, by, proposer=False):
        """Only the other side answers a proposal; only the proposer withdraws it."""
        if self.status != "pending" or (by == self.proposed_by) != proposer:
            raise LinkError("not_yours")

    def _close(self, status):
        """Answers the proposal once, even when both tabs of the other side answer at the same time."""
        now = utcnow()
        claimed = (
            LinkRequest.update(status=status, decided_at=now)
            .where((LinkRequest.id == self.id) & (LinkRequest.status == "pending"))
            .execute()
        )
        if not claimed:
            raise LinkError("not_yours")
        self.status, self.decided_at = status, now

    def answer(self, action, by, today, actor=None):
        """accept / decline / withdraw on behalf of `by` (worker or company); `actor` is the person."""
        if action == "accept":
            return self.accept(by, today, actor)
        if action in ("decline", "withdraw"):
            return getattr(self, action)(by)
        raise ValueError(action)

    def accept(self, by, today, actor=None):
        """The side that did not propose agrees; the affiliation starts today."""
        self._check_turn(by)
        with db.atomic():
            if _linked(self.worker, self.company):
                raise LinkError("already_linked")
            if self.is_main == "main":
                Affiliation.update(is_main=False).where(
                    (Affiliation.worker == self.worker) & Affiliation.ended_on.is_null()
                ).execute()
            self._close("accepted")
            audit.affiliation(self.worker, self.company, actor, started_on=today, link_kind=self.is_main)
            return Affiliation.create(
                worker=self.worker,
                company=self.company,
                is_main=self.is_main == "main",
                is_secondment=self.is_main == "secondment",
                started_on=today,
            )

    def decline(self, by):
        self._check_turn(by)
        self._close("declined")

    def withdraw(self, by):
        """The proposer takes the proposal back before the other side answers."""
        self._check_turn(by, proposer=True)
        self._close("withdrawn")


def affiliations_of(company):
    """All affiliations with `company`, current ones first: the company's own employment records."""
    return (
        Affiliation.select(Affiliation, Worker)
        .join(Worker)
        .where(Affiliation.company == company)
        .order_by(Affiliation.ended_on.is_null(False), Affiliation.ended_on.desc(), Worker.family_kana, Affiliation.id)
    )


def current_affiliations_of(company):
    return affiliations_of(company).where(Affiliation.ended_on.is_null())


def past_affiliations(worker):
    """Ended affiliations (退職 and others), newest first: the worker's record of former employers."""
    return (
        Affiliation.select(Affiliation, Company)
        .join(Company)
        .where((Affiliation.worker == worker) & Affiliation.ended_on.is_null(False))
        .order_by(Affiliation.ended_on.desc(), Affiliation.id.desc())
    )


def worker_by_id(worker_id):
    return Worker.get_or_none((Worker.worker_id == worker_id) & (Worker.status == "approved"))


def retire(affiliation, today, actor=None):
    """退職: the affiliation ends on `today`; work history and the worker's registration stay. The
    worker leaves the company's site rosters, except where they have worked (history keeps its source)."""
    if affiliation.ended_on is not None:
        raise ChangeError("already_ended")
    if affiliation.started_on and today < affiliation.started_on:
        raise ChangeError("before_start")
    with db.atomic():
        affiliation.ended_on, affiliation.end_reason = today, "retired"
        affiliation.save()
        audit.affiliation(affiliation.worker, affiliation.company, actor, ended_on=today, end_reason="retired")
        for entry in RosterEntry.select().where(
            (RosterEntry.worker == affiliation.worker_id) & (RosterEntry.company == affiliation.company_id)
        ):
            try:
                remove_from_roster(entry)
            except SiteError:
                pass  # worked there: the entry stays with its history


def certificate_facts(affiliation):
    """What 技能者の所属に関する証明書 states about a current affiliation. The form is not accepted
    without the company's 事業者ID (seed downloads), so a company without one gets none."""
    if not affiliation.company.business_id:
        raise ChangeError("no_business_id")
    if affiliation.ended_on is not None:
        raise ChangeError("ended")
    return {"company": affiliation.company, "worker": affiliation.worker, "affiliation": affiliation}
