"""A company's data export (issue 17, for a company that leaves): one zip with its workers, affiliations,
rosters, work records, work entries, invoices and site documents as CSV, the company itself as JSON, and
the PDFs of its site documents. Made by a job (tasks/exports.py); downloadable by its system admin only."""

import itertools
import json
import tempfile
import zipfile

from peewee import JOIN, BlobField, ForeignKeyField

from extensions import db
from models.accounts.accounts import Account
from models.accounts.companies import Company
from models.accounts.workers import Affiliation, Worker
from models.billing.payments import Invoice
from models.core import jobs
from models.core.base import BaseModel
from models.core.csv_out import to_csv
from models.core.jobs import Job
from models.history.work_entries import WorkEntry
from models.sites.documents import SiteDocument
from models.sites.records import WorkRecord
from models.sites.sites import RosterEntry


class CompanyExport(BaseModel):
    company = ForeignKeyField(Company, backref="exports")
    account = ForeignKeyField(Account)  # who asked
    job = ForeignKeyField(Job)
    data = BlobField(null=True)  # the zip, once made

    @classmethod
    def of_company(cls, company):
        return (
            cls.select(cls.id, cls.company, cls.account, cls.job, cls.created_at, Job)
            .join(Job)
            .where(cls.company == company)
        )

    @property
    def filename(self):
        return f"careerup-export-{self.company.business_id or self.company_id}-{self.id}.zip"


def start_export(company, account):
    with db.atomic():
        return CompanyExport.create(company=company, account=account, job=jobs.create("company_export", company))


def write_csv(header, rows):
    """CSV bytes of `rows` under `header`, through the one CSV writer (BOM, formula cells neutralised)."""
    return to_csv(itertools.chain([header], rows)).encode()


def _columns(model):
    return [f for f in model._meta.sorted_fields if not isinstance(f, BlobField)]


def _table(query):
    """The CSV of a query's rows, one column per stored field (blobs left out: PDFs go in as files)."""
    fields = _columns(query.model)
    rows = query.select(*fields).tuples().iterator()
    return write_csv([f.column_name for f in fields], (["" if v is None else v for v in row] for row in rows))


def sections(company):
    """(file name, query) of everything the export holds, each scoped to `company`."""
    workers = Affiliation.select(Affiliation.worker).where(Affiliation.company == company)
    return [
        ("workers.csv", Worker.select().where(Worker.id.in_(workers)).order_by(Worker.id)),
        ("affiliations.csv", Affiliation.select().where(Affiliation.company == company).order_by(Affiliation.id)),
        ("rosters.csv", RosterEntry.select().where(RosterEntry.company == company).order_by(RosterEntry.id)),
        ("records.csv", WorkRecord.select().where(WorkRecord.company == company).order_by(WorkRecord.id)),
        ("entries.csv", WorkEntry.select().where(WorkEntry.company == company).order_by(WorkEntry.id)),
        ("invoices.csv", Invoice.select().where(Invoice.company_ref == company.id).order_by(Invoice.id)),
        ("site_documents.csv", _documents(company)),
    ]


def _documents(company):
    return (
        SiteDocument.select()
        .join(Job, JOIN.INNER)
        .where((SiteDocument.requested_by == company) & (Job.state == jobs.DONE))
        .order_by(SiteDocument.id)
    )


def build(export, progress=lambda percent: None):
    """The zip's bytes; built in a temporary file so that memory does not grow with the company."""
    company = Company.get_by_id(export.company_id)
    parts = sections(company)
    with tempfile.TemporaryFile() as spool:
        with zipfile.ZipFile(spool, "w", zipfile.ZIP_DEFLATED) as zf:
            profile = {f.name: f.db_value(getattr(company, f.name)) for f in _columns(Company)}
            zf.writestr("company.json", json.dumps(profile, ensure_ascii=False, indent=1, default=str))
            for number, (name, query) in enumerate(parts, start=1):
                zf.writestr(name, _table(query))
                progress(80 * number // len(parts))
            for doc in _documents(company).select(SiteDocument.id, SiteDocument.kind, SiteDocument.pdf).iterator():
                zf.writestr(f"documents/{doc.id}-{doc.kind}.pdf", bytes(doc.pdf))
        spool.seek(0)
        return spool.read()
