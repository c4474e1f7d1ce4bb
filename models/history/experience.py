"""経歴 before CCUS (Q7-3): the worker states years per trade, an employer certifies them (経歴証明).
Certified years count toward levels only until 2029-03-31 (DOMAIN §2); they are always shown apart
from recorded days."""

import datetime as dt

from peewee import CharField, DateTimeField, ForeignKeyField, IntegerField, TextField

from extensions import db
from models.accounts.accounts import Account
from models.accounts.companies import Company
from models.accounts.workers import Affiliation, Worker
from models.core.base import BaseModel
from models.core.clock import utcnow
from models.core.errors import DomainError

COUNTS_UNTIL = dt.date(2029, 3, 31)
DAYS_PER_YEAR = 215


class ExperienceError(DomainError):
    pass


class PriorExperience(BaseModel):
    worker = ForeignKeyField(Worker, backref="prior_experience", on_delete="CASCADE")
    trade = CharField()
    years = IntegerField()
    months = IntegerField(default=0)
    description = TextField(default="")  # e.g. 「型枠工事を20年」
    company = ForeignKeyField(Company)  # the employer asked to certify
    status = CharField(default="stated")  # stated → certified / declined
    decided_by = ForeignKeyField(Account, null=True)
    decided_at = DateTimeField(null=True)
    decision_note = TextField(default="")

    @property
    def days(self):
        return round((self.years + self.months / 12) * DAYS_PER_YEAR)

    @classmethod
    def of_worker(cls, worker):
        return cls.select(cls, Company).join(Company).where(cls.worker == worker).order_by(cls.id.desc())

    @classmethod
    def to_certify(cls, company):
        return cls.select(cls, Worker).join(Worker).where((cls.company == company) & (cls.status == "stated"))

    def decide(self, account, certify, note=""):
        if self.status != "stated":
            raise ExperienceError("not_pending")
        if not certify and not note.strip():
            raise ExperienceError("note")
        self.status = "certified" if certify else "declined"
        self.decided_by, self.decided_at, self.decision_note = account, utcnow(), note.strip()
        self.save()


def state(worker, trade, years, months, description, company):
    """The worker asks a current employer to certify years in a trade before CCUS."""
    affiliated = Affiliation.select().where(
        (Affiliation.worker == worker) & (Affiliation.company == company) & Affiliation.ended_on.is_null()
    )
    if not affiliated.exists():
        raise ExperienceError("not_employer")
    if not (0 <= years <= 60 and 0 <= months <= 11) or years + months == 0:
        raise ExperienceError("length")
    with db.atomic():
        return PriorExperience.create(
            worker=worker, trade=trade, years=years, months=months, description=description.strip(), company=company
        )


def certified_days(worker_ids, day):
    """{(worker_id, trade): days} of certified experience that counts on `day` (none after 2029-03-31)."""
    if day > COUNTS_UNTIL:
        return {}
    query = PriorExperience.select().where(PriorExperience.status == "certified")
    if worker_ids is not None:
        query = query.where(PriorExperience.worker.in_(worker_ids))
    out = {}
    for p in query:
        out[(p.worker_id, p.trade)] = out.get((p.worker_id, p.trade), 0) + p.days
    return out
