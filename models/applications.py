"""Registration applications (申請) and the reviewer's decision on them."""
from peewee import CharField, DateTimeField, ForeignKeyField

from extensions import db
from models.accounts import Account, Membership
from models.base import BaseModel, utcnow
from models.cards import Card
from models.companies import Company
from models.ids import issue_id
from models.workers import Affiliation, Worker


class Application(BaseModel):
    kind = CharField()  # company / worker
    applicant = ForeignKeyField(Account, backref="applications")
    company = ForeignKeyField(Company, null=True, backref="applications")
    worker = ForeignKeyField(Worker, null=True, backref="applications")
    status = CharField(default="submitted")  # submitted / approved
    submitted_at = DateTimeField(default=utcnow)
    decided_at = DateTimeField(null=True)
    reviewer = ForeignKeyField(Account, null=True)

    @property
    def subject_name(self):
        return self.company.name if self.kind == "company" else self.worker.full_name

    @classmethod
    def queue(cls):
        return cls.select().where(cls.status == "submitted").order_by(cls.submitted_at, cls.id)

    @classmethod
    def of_applicant(cls, account):
        return cls.select().where(cls.applicant == account).order_by(cls.id)

    def approve(self, reviewer, today):
        """Issues the 事業者ID or 技能者ID (and a level-1 card) and marks the subject approved."""
        if self.status != "submitted":
            raise ValueError("already decided")
        with db.atomic():
            if self.kind == "company":
                self.company.business_id = issue_id("company")
                self.company.status = "approved"
                self.company.save()
            else:
                self.worker.worker_id = issue_id("worker")
                self.worker.status = "approved"
                self.worker.save()
                Card.issue(self.worker, today)
            self.status, self.reviewer, self.decided_at = "approved", reviewer, utcnow()
            self.save()


def apply_one_person_operator(account, company_data, worker_data):
    """一人親方: one flow creates the company, the worker affiliated with it, and both applications."""
    with db.atomic():
        company = Company.create(
            entity_type="one_person",
            name=Company.name_for("one_person", company_data.get("trade_name"), company_data["representative_name"]),
            trade_name_given=company_data.get("trade_name") or "",
            representative_name=company_data["representative_name"],
            postal_code=company_data.get("postal_code", ""), address=company_data["address"],
            phone=company_data["phone"], capital=0)
        Membership.create(account=account, company=company, role="system_admin")
        worker = Worker.create(account=account, **worker_data)
        Affiliation.create(worker=worker, company=company, is_main=True)
        Application.create(kind="company", applicant=account, company=company)
        Application.create(kind="worker", applicant=account, worker=worker)
    return company, worker
