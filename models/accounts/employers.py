"""所属事業者 named in a worker's own application. Until the application is approved they are only
requests (the companies do not see the applicant yet); approval turns them into affiliations."""

from peewee import CharField, ForeignKeyField

from extensions import db
from models.accounts.companies import Company
from models.accounts.workers import Affiliation, Worker
from models.core.base import BaseModel
from models.core.errors import DomainError
from models.core.ids import is_valid_id, normalize_id

# main = 主たる所属事業者 (a secondee's 出向元), other = further employer, secondment = 出向先 (seed Q1-14)
EMPLOYER_KINDS = ("main", "other", "secondment")


class EmployerError(DomainError):
    """code: format / unknown / duplicate / main_taken / needs_main / own_company"""


class NamedEmployer(BaseModel):
    worker = ForeignKeyField(Worker, backref="named_employers", on_delete="CASCADE")
    company = ForeignKeyField(Company)
    kind = CharField()  # one of EMPLOYER_KINDS

    class Meta:
        indexes = ((("worker", "company"), True),)


class EmployerRow:
    """One employer as the applicant and the reviewer see it, whether already an affiliation (a one-person
    operator's own company) or still named in the application."""

    def __init__(self, company, is_main, is_secondment, named=None):
        self.company, self.is_main, self.is_secondment, self.named = company, is_main, is_secondment, named

    @property
    def id(self):
        return self.named.id if self.named else None

    @property
    def removable(self):
        return self.named is not None


def employer_rows(worker):
    """Current affiliations first (main first), then the employers named in the application."""
    rows = [EmployerRow(a.company, a.is_main, a.is_secondment) for a in worker.current_affiliations()]
    named = (
        NamedEmployer.select(NamedEmployer, Company)
        .join(Company)
        .where(NamedEmployer.worker == worker)
        .order_by(NamedEmployer.kind != "main", NamedEmployer.id)
    )
    rows += [EmployerRow(n.company, n.kind == "main", n.kind == "secondment", named=n) for n in named]
    return rows


def has_main_employer(worker):
    return any(row.is_main for row in employer_rows(worker))


def name_employer(worker, business_id, kind):
    """Adds an employer by 事業者ID; only approved companies can be named. Raises EmployerError."""
    if kind not in EMPLOYER_KINDS:
        raise EmployerError("format")
    business_id = normalize_id(business_id)
    if not is_valid_id(business_id):
        raise EmployerError("format")
    company = Company.by_business_id(business_id)
    if company is None:
        raise EmployerError("unknown")
    rows = employer_rows(worker)
    if any(row.company.id == company.id for row in rows):
        raise EmployerError("duplicate")
    has_main = any(row.is_main for row in rows)
    if kind == "main" and has_main:
        raise EmployerError("own_company" if any(r.is_main and not r.removable for r in rows) else "main_taken")
    if kind == "secondment" and not has_main:
        raise EmployerError("needs_main")
    return NamedEmployer.create(worker=worker, company=company, kind=kind)


def remove_named_employer(named):
    """Removes an employer; a secondment loses its meaning without the main (出向元), so it goes too."""
    with db.atomic():
        if named.kind == "main":
            NamedEmployer.delete().where(
                (NamedEmployer.worker == named.worker_id) & (NamedEmployer.kind == "secondment")
            ).execute()
        named.delete_instance()


def start_named_affiliations(worker, today):
    """On approval: each named employer becomes an affiliation from `today` (seed Q1-14 for 出向)."""
    for named in NamedEmployer.select().where(NamedEmployer.worker == worker).order_by(NamedEmployer.id):
        current = Affiliation.select().where(
            (Affiliation.worker == worker) & (Affiliation.company == named.company) & Affiliation.ended_on.is_null()
        )
        if not current.exists():
            Affiliation.create(
                worker=worker,
                company=named.company,
                is_main=named.kind == "main",
                is_secondment=named.kind == "secondment",
                started_on=today,
            )
        named.delete_instance()
