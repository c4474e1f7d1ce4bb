"""変更申請 (change applications, Q2-1), 関連付け (linking a worker and a company with both sides
agreeing, Q4-3/Q2-6) and 退職 (retirement, Q1-16: ends the affiliation, keeps all history)."""
import json

from peewee import CharField, DateTimeField, ForeignKeyField, TextField

from extensions import db
from models.accounts import Account
from models.base import BaseModel, utcnow
from models.companies import Company
from models.workers import Affiliation, Worker

# Fields that cannot be changed after registration (DOMAIN §4: face photo and birth date).
FROZEN = {"birth_date", "worker_id", "business_id", "account", "status", "id"}


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

    @property
    def subject(self):
        return self.worker if self.kind == "worker" else self.company

    def change_items(self):
        return json.loads(self.changes)

    @classmethod
    def file(cls, subject, requested_by, new_values):
        """Files the differences between `subject` and `new_values`; refuses frozen fields."""
        diff = {}
        for field, value in new_values.items():
            if field in FROZEN:
                raise ValueError(field)
            old = getattr(subject, field)
            if (old or "") != (value or ""):
                diff[field] = [_plain(old), _plain(value)]
        if not diff:
            raise ValueError("no_change")
        kind = "worker" if isinstance(subject, Worker) else "company"
        return cls.create(kind=kind, worker=subject if kind == "worker" else None,
                          company=subject if kind == "company" else None,
                          requested_by=requested_by, changes=json.dumps(diff, ensure_ascii=False))

    def approve(self, reviewer):
        if self.status != "submitted":
            raise ValueError(self.status)
        with db.atomic():
            subject = self.subject
            for field, (_old, new) in self.change_items().items():
                setattr(subject, field, _restore(subject, field, new))
            subject.save()
            self.status, self.reviewer, self.decided_at = "approved", reviewer, utcnow()
            self.save()

    def send_back(self, reviewer, note):
        if self.status != "submitted":
            raise ValueError(self.status)
        self.status, self.reviewer, self.reviewer_note, self.decided_at = "returned", reviewer, note, utcnow()
        self.save()


def _plain(value):
    return value.isoformat() if hasattr(value, "isoformat") else value


def _restore(subject, field, value):
    import datetime as dt

    current = type(subject)._meta.fields[field]
    if current.field_type == "DATE" and value:
        return dt.date.fromisoformat(value)
    return value


class LinkRequest(BaseModel):
    """関連付け: one side proposes, the other agrees; only then is the affiliation made."""
    worker = ForeignKeyField(Worker, backref="link_requests", on_delete="CASCADE")
    company = ForeignKeyField(Company, backref="link_requests", on_delete="CASCADE")
    proposed_by = CharField()  # worker / company
    is_main = CharField(default="other")  # main / other / secondment
    status = CharField(default="pending")  # pending / accepted / declined
    decided_at = DateTimeField(null=True)

    @classmethod
    def propose(cls, worker, company, by, kind="other"):
        if not company.approved or not worker.approved:
            raise ValueError("not_registered")
        if Affiliation.select().where((Affiliation.worker == worker) & (Affiliation.company == company)
                                      & Affiliation.ended_on.is_null()).exists():
            raise ValueError("already_linked")
        if cls.select().where((cls.worker == worker) & (cls.company == company) & (cls.status == "pending")).exists():
            raise ValueError("pending")
        return cls.create(worker=worker, company=company, proposed_by=by, is_main=kind)

    def accept(self, by, today):
        """The side that did not propose agrees; the affiliation starts today."""
        if self.status != "pending" or by == self.proposed_by:
            raise ValueError("not_yours")
        with db.atomic():
            if self.is_main == "main":
                Affiliation.update(is_main=False).where(
                    (Affiliation.worker == self.worker) & Affiliation.ended_on.is_null()).execute()
            Affiliation.create(worker=self.worker, company=self.company, is_main=self.is_main == "main",
                               is_secondment=self.is_main == "secondment", started_on=today)
            self.status, self.decided_at = "accepted", utcnow()
            self.save()

    def decline(self, by):
        if self.status != "pending" or by == self.proposed_by:
            raise ValueError("not_yours")
        self.status, self.decided_at = "declined", utcnow()
        self.save()


def retire(affiliation, today):
    """退職: the affiliation ends today; work history and the worker's registration stay."""
    if affiliation.ended_on is not None:
        raise ValueError("already_ended")
    affiliation.ended_on, affiliation.end_reason = today, "retired"
    affiliation.save()
