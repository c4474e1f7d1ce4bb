"""Site documents (作業員名簿, 施工体制台帳, 再下請負通知書, 施工体系図, 新規入場時等教育実施報告書):
one row per generated PDF with its job status, kept while the site's data stays the same."""

import hashlib

from peewee import BlobField, CharField, ForeignKeyField

from extensions import db
from models.accounts.companies import Company
from models.accounts.workers import Qualification, Worker
from models.core import clock, jobs
from models.core.base import BaseModel
from models.core.jobs import Job
from models.sites.rosters import EducationAttendance, EducationSession
from models.sites.sites import RosterEntry, Site, SiteContract, viewer_company

# kind → (needs a contract, who may make it)
KINDS = {
    "roster": "contract",  # 作業員名簿 of one company (its own, or one below it)
    "roster_xlsx": "contract",  # the same as .xlsx
    "ledger_xlsx": "site",
    "notice": "contract",  # 再下請負通知書 of one subcontract
    "ledger": "site",  # 施工体制台帳: 元請 and first tier
    "tree": "site",  # 施工体系図: 元請 and first tier
    "education": "site",  # 新規入場時等教育実施報告書: 元請
}


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class SiteDocument(BaseModel):
    site = ForeignKeyField(Site, backref="documents", on_delete="CASCADE")
    kind = CharField()
    contract = ForeignKeyField(SiteContract, null=True, on_delete="CASCADE")
    requested_by = ForeignKeyField(Company)
    fingerprint = CharField()  # of the data the PDF was made from
    job = ForeignKeyField(Job)  # its state and progress
    pdf = BlobField(null=True)
    lang = CharField(default="ja")

    @classmethod
    def of_company(cls, viewer):
        """Documents `viewer`'s company asked for on the sites `viewer` sees (a 現場管理者 only those in
        their charge); nobody else's job or file is reachable by id."""
        return (
            cls.select(cls.id, cls.site, cls.kind, cls.contract, cls.requested_by, cls.job, Job)
            .join(Job)
            .where((cls.requested_by == viewer_company(viewer)) & cls.site.in_(Site.visible_to(viewer).select(Site.id)))
        )

    @classmethod
    def request(cls, site, kind, contract, company, lang):
        """The current document if the data has not changed since it was made, else a new queued one.
        Returns (document, needs_building)."""
        fp = fingerprint(site)
        found = (
            cls.select(cls.id, cls.kind, cls.site, cls.contract, cls.job, Job)
            .join(Job)
            .where(
                (cls.site == site)
                & (cls.kind == kind)
                & (cls.contract == (contract.id if contract else None))
                & (cls.requested_by == company)
                & (cls.fingerprint == fp)
                & (cls.lang == lang)
                & (Job.state != jobs.FAILED)
            )
            .first()
        )
        if found is not None:
            return found, False
        with db.atomic():
            job = jobs.create("site_document", company)
            doc = cls.create(
                site=site, kind=kind, contract=contract, requested_by=company, fingerprint=fp, lang=lang, job=job
            )
        return doc, True

    @property
    def status(self):
        return self.job.state

    @property
    def progress(self):
        return self.job.progress

    @property
    def filename(self):
        kind, ext = self.kind.removesuffix("_xlsx"), "xlsx" if self.kind.endswith("_xlsx") else "pdf"
        return f"{kind}-{self.site.site_id}{'-%d' % self.contract_id if self.contract_id else ''}.{ext}"

    @property
    def mimetype(self):
        return XLSX if self.kind.endswith("_xlsx") else "application/pdf"


def fingerprint(site):
    """A digest of everything a site document prints: the site, its tree, its rosters with their
    workers and their 資格, and the education sessions. Any change makes a new document."""
    # Today counts too: who an upper tier may see depends on the date (退場, Q5-3).
    parts = [clock.today().isoformat(), repr(sorted(Site.get_by_id(site.id).__data__.items()))]
    for model, query in (
        (SiteContract, SiteContract.select().where(SiteContract.site == site).order_by(SiteContract.id)),
        (
            RosterEntry,
            RosterEntry.select(RosterEntry, Worker)
            .join(Worker)
            .where(RosterEntry.site == site)
            .order_by(RosterEntry.id),
        ),
        (
            Qualification,  # printed on the roster and the ledger
            Qualification.select()
            .where(Qualification.worker.in_(RosterEntry.select(RosterEntry.worker).where(RosterEntry.site == site)))
            .order_by(Qualification.id),
        ),
        (
            EducationSession,
            EducationSession.select().where(EducationSession.site == site).order_by(EducationSession.id),
        ),
        (
            EducationAttendance,
            EducationAttendance.select()
            .join(EducationSession)
            .where(EducationSession.site == site)
            .order_by(EducationAttendance.id),
        ),
    ):
        for row in query:
            parts.append(repr(sorted(row.__data__.items())))
            if model is RosterEntry:
                parts.append(repr(sorted(row.worker.__data__.items())))
    for company in Company.select().where(
        Company.id.in_(SiteContract.select(SiteContract.company).where(SiteContract.site == site))
        | (Company.id == site.prime_id)
    ):
        parts.append(repr(sorted(company.__data__.items())))
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def may_request(site, kind, contract, company):
    """Who may make which document (Q9-6): rosters and notices of one's own contract and those below
    it; the ledger and the tree for the 元請 and the first tier; the education report for the 元請."""
    if kind not in KINDS or (KINDS[kind] == "contract") != (contract is not None):
        return False
    if contract is not None:
        mine = SiteContract.manageable_by(company).where(
            (SiteContract.id == contract.id) & (SiteContract.site == site) & (SiteContract.status == "accepted")
        )
        return mine.exists()
    if kind == "education":
        return company.id == site.prime_id
    return site.ledger_visible_to(company)
