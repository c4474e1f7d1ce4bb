"""就業履歴の入力と承認: days no card recorded, and corrections of a day's trade or position, entered
by the worker or an employer (or an upper tier on its behalf, 入力代行) and counted only once the
site's prime contractor approves them, by the end of the month after the work date (DOMAIN §7)."""

import datetime as dt
import json

from peewee import JOIN, CharField, DateField, DateTimeField, ForeignKeyField, IntegrityError, TextField, fn

from extensions import db
from models.accounts.accounts import Account
from models.accounts.companies import Company
from models.accounts.workers import Worker
from models.core import codes
from models.core.base import BaseModel
from models.core.clock import utcnow
from models.core.errors import DomainError
from models.registration.proxy import ProxyConsent
from models.sites.records import WorkRecord, deadline_for, next_record_seq
from models.sites.sites import RosterEntry, Site, SiteContract

REASONS = codes.WORK_ENTRY_REASONS
PENDING, APPROVED, REJECTED = "pending", "approved", "rejected"


class EntryError(DomainError):
    pass


class WorkEntry(BaseModel):
    """One entered day or correction, with who entered it, the decision and the before/after trail."""

    kind = CharField(default="new")  # new (a day no card recorded) / correction (trade or position of a record)
    worker = ForeignKeyField(Worker, backref="work_entries", on_delete="CASCADE")
    site = ForeignKeyField(Site, backref="work_entries", on_delete="CASCADE")
    company = ForeignKeyField(Company, null=True)  # the employer the day counts under
    work_date = DateField(index=True)
    trade = CharField()
    position = CharField(default="")
    first_in = DateTimeField(null=True)  # JST wall time
    last_out = DateTimeField(null=True)
    reason = CharField()
    note = TextField(default="")
    record = ForeignKeyField(WorkRecord, null=True, on_delete="SET NULL")  # the corrected / the made record
    before = TextField(default="")  # JSON of the record before a correction
    status = CharField(default=PENDING, index=True)
    entered_by = ForeignKeyField(Account)
    entering_company = ForeignKeyField(Company, null=True, backref="entered_work")  # null: the worker entered it
    decided_by = ForeignKeyField(Account, null=True)
    decided_at = DateTimeField(null=True)
    decision_note = TextField(default="")
    proxy_consent = ForeignKeyField(ProxyConsent, null=True)  # 入力代行 for the worker under this consent

    @property
    def deadline(self):
        return deadline_for(self.work_date)

    def before_dict(self):
        return json.loads(self.before) if self.before else {}

    # --- queries --------------------------------------------------------------------------------

    @classmethod
    def for_prime(cls, prime, status=PENDING, company_id=None, day=None):
        """Entries on the sites `prime` holds (Site.held_by: a 現場管理者 only those in their charge),
        oldest deadline first, with worker, site and company loaded."""
        query = (
            cls.select(cls, Worker, Site)
            .join(Worker)
            .switch(cls)
            .join(Site)
            .where(Site.held_by(prime) & (cls.status == status))
            .order_by(cls.work_date, cls.id)
        )
        if company_id:
            query = query.where(cls.company == company_id)
        if day:
            query = query.where(cls.work_date == day)
        return query

    @classmethod
    def pending_summary(cls, prime):
        """(number pending, nearest work date) for the prime's queue header."""
        row = (
            cls.select(fn.COUNT(cls.id), fn.MIN(cls.work_date))
            .join(Site)
            .where(Site.held_by(prime) & (cls.status == PENDING))
            .tuples()
            .first()
        )
        count, oldest = row or (0, None)
        if isinstance(oldest, str):  # SQLite hands back aggregate dates as text
            oldest = dt.date.fromisoformat(oldest)
        return count, (deadline_for(oldest) if oldest else None)

    @classmethod
    def of_worker(cls, worker):
        """The worker's entries with the site and the company that entered them (a proxy's too)."""
        return (
            cls.select(cls, Site, Company)
            .join(Site)
            .switch(cls)
            .join(Company, JOIN.LEFT_OUTER, on=(cls.entering_company == Company.id), attr="entering_company")
            .where(cls.worker == worker)
            .order_by(cls.id.desc())
        )

    @classmethod
    def entered_by_company(cls, company):
        return (
            cls.select(cls, Worker, Site)
            .join(Worker)
            .switch(cls)
            .join(Site)
            .where(cls.entering_company == company)
            .order_by(cls.id.desc())
        )


def may_enter(site, worker, entering_company):
    """The worker on a roster of the site; a company enters for its own roster or one below it."""
    roster = RosterEntry.get_or_none((RosterEntry.site == site) & (RosterEntry.worker == worker))
    if roster is None:
        raise EntryError("not_on_roster")
    if entering_company is not None and roster.company_id not in SiteContract.branch_of(site, entering_company.id):
        raise EntryError("not_your_roster")
    return roster


def workers_entrable(site, company):
    """Workers on the site's rosters that `company` may enter for (its branch of the tree)."""
    branch = SiteContract.branch_of(site, company.id)
    return (
        Worker.select(Worker, RosterEntry)
        .join(RosterEntry, on=(RosterEntry.worker == Worker.id))
        .where((RosterEntry.site == site) & (RosterEntry.company.in_(list(branch))))
        .order_by(Worker.family_kana, Worker.id)
    )


def roster_defaults(site, worker_id):
    """{"trade", "position"} of the worker's 作業員名簿 entry on the site: what a day entry starts from."""
    entry = (
        RosterEntry.select(RosterEntry.trade, RosterEntry.position)
        .where((RosterEntry.site == site) & (RosterEntry.worker == worker_id))
        .first()
    )
    return {"trade": entry.trade, "position": entry.position} if entry else {}


def _as_proxy(proxy, worker, entering_company):
    """A proxy company enters as the worker would (the worker's rosters), named as the company that
    entered, only under the worker's consent to 就業履歴の入力代行 (Q1-1 ⑤)."""
    if proxy is None:
        return entering_company, entering_company
    if not proxy.covers("history") or proxy.worker_id != getattr(worker, "id", worker):
        raise EntryError("no_consent")
    return None, proxy.proxy_company


def enter_day(
    account,
    worker,
    site,
    work_date,
    trade,
    position,
    first_in,
    last_out,
    reason,
    note,
    today,
    entering_company=None,
    proxy=None,
):
    """A day no card recorded. Nothing counts until the prime approves."""
    roster_company, entering_company = _as_proxy(proxy, worker, entering_company)
    if reason not in codes.codes(REASONS) or reason == "correction":
        raise EntryError("reason")
    if work_date > today:
        raise EntryError("future")
    if today > deadline_for(work_date):
        raise EntryError("deadline")
    if not site.accrues_on(work_date):
        raise EntryError("outside_accrual")
    if first_in and last_out and last_out < first_in:
        raise EntryError("times")
    roster = may_enter(site, worker, roster_company)
    taken = WorkRecord.select().where(
        (WorkRecord.worker == worker)
        & (WorkRecord.site == site)
        & (WorkRecord.work_date == work_date)
        & (WorkRecord.trade == trade)
    )
    if taken.exists():
        raise EntryError("already_recorded")
    with db.atomic():
        if _pending_same(worker, site, work_date, trade).exists():
            raise EntryError("already_entered")
        return WorkEntry.create(
            worker=worker,
            site=site,
            company=roster.company_id,
            work_date=work_date,
            trade=trade,
            position=position,
            first_in=first_in,
            last_out=last_out,
            reason=reason,
            note=note.strip(),
            entered_by=account,
            entering_company=entering_company,
            proxy_consent=proxy,
        )


def _pending_same(worker, site, work_date, trade):
    return WorkEntry.select().where(
        (WorkEntry.worker == worker)
        & (WorkEntry.site == site)
        & (WorkEntry.work_date == work_date)
        & (WorkEntry.trade == trade)
        & (WorkEntry.status == PENDING)
    )


def correct_record(account, record, trade, position, reason, note, today, entering_company=None, proxy=None):
    """Change a recorded day's trade or position, or add a second trade the same day (多能工, Q7-5)."""
    roster_company, entering_company = _as_proxy(proxy, record.worker_id, entering_company)
    if reason not in ("correction", "second_trade"):
        raise EntryError("reason")
    if today > deadline_for(record.work_date):
        raise EntryError("deadline")
    roster = may_enter(record.site, record.worker, roster_company)
    if reason == "correction" and (trade, position) == (record.trade, record.position):
        raise EntryError("unchanged")
    if reason == "second_trade" and trade == record.trade:
        raise EntryError("same_trade")
    before = {"trade": record.trade, "position": record.position}
    with db.atomic():
        if _pending_same(record.worker_id, record.site_id, record.work_date, trade).exists():
            raise EntryError("already_entered")
        return WorkEntry.create(
            kind="correction" if reason == "correction" else "new",
            worker=record.worker_id,
            site=record.site_id,
            company=record.company_id or roster.company_id,
            work_date=record.work_date,
            trade=trade,
            position=position,
            first_in=record.first_in,
            last_out=record.last_out,
            reason=reason,
            note=note.strip(),
            record=record if reason == "correction" else None,
            before=json.dumps(before, ensure_ascii=False) if reason == "correction" else "",
            entered_by=account,
            entering_company=entering_company,
            proxy_consent=proxy,
        )


def decide(entries, prime, account, approve, note, today):
    """Approve or reject the prime's pending entries in one transaction. Returns (done, refused):
    refused are (entry, code) left pending with why — past the deadline, or a clash with a record."""
    done, refused = [], []
    with db.atomic():
        for entry in entries:
            if entry.status != PENDING or not entry.site.is_held_by(prime):
                refused.append((entry, "not_pending"))
                continue
            if approve and today > entry.deadline:
                refused.append((entry, "deadline"))
                continue
            if approve:
                try:
                    with db.atomic():
                        _apply(entry)
                except IntegrityError:
                    refused.append((entry, "clash"))
                    continue
            entry.status = APPROVED if approve else REJECTED
            entry.decided_by, entry.decided_at, entry.decision_note = account, utcnow(), note.strip()
            entry.save()
            done.append(entry)
    return done, refused


def _apply(entry):
    """Writes the approved entry into the records, bumping the export cursor so certified systems
    pulling /api/v1/records see it."""
    seq = next_record_seq()
    if entry.kind == "correction" and entry.record_id:
        WorkRecord.update(trade=entry.trade, position=entry.position, seq=seq).where(
            WorkRecord.id == entry.record_id
        ).execute()
        return
    entry.record = WorkRecord.create(
        seq=seq,
        worker=entry.worker_id,
        site=entry.site_id,
        company=entry.company_id,
        work_date=entry.work_date,
        trade=entry.trade,
        position=entry.position,
        work_content=RosterEntry.select(RosterEntry.work_content)
        .where((RosterEntry.site == entry.site_id) & (RosterEntry.worker == entry.worker_id))
        .scalar()
        or "",  # the roster's 作業内容 (Q7-4), as a card day keeps it
        first_in=entry.first_in,
        last_out=entry.last_out,
        source="manual" if entry.reason not in ("yard", "training") else entry.reason,
    )


def trail_of_record(record):
    """Every approved or pending change of one record's day, for the worker and the prime."""
    return (
        WorkEntry.select(WorkEntry, Account)
        .join(Account, on=(WorkEntry.entered_by == Account.id))
        .where(
            (WorkEntry.worker == record.worker_id)
            & (WorkEntry.site == record.site_id)
            & (WorkEntry.work_date == record.work_date)
        )
        .order_by(WorkEntry.id)
    )


def sites_of_worker(worker):
    """Sites the worker is on a roster of: where they may enter a day."""
    return Site.select().join(RosterEntry, on=(RosterEntry.site == Site.id)).where(RosterEntry.worker == worker)


def records_of_company_roster(company):
    """Records of workers on this company's own rosters, on those sites (what it may correct)."""
    return (
        WorkRecord.select(WorkRecord, Site, Worker)
        .join(Site)
        .switch(WorkRecord)
        .join(Worker)
        .join(
            RosterEntry,
            on=((RosterEntry.site == WorkRecord.site) & (RosterEntry.worker == WorkRecord.worker)),
        )
        .where(RosterEntry.company == company)
    )


def companies_pending(prime):
    """Companies with entries waiting on the prime's sites, for the queue's filter."""
    waiting = WorkEntry.select(WorkEntry.company).join(Site).where(Site.held_by(prime) & (WorkEntry.status == PENDING))
    return Company.select().where(Company.id.in_(waiting)).order_by(Company.name)


def parse_day(text):
    """A yyyy-mm-dd filter value, or None for anything else (a bad value never reaches the database)."""
    try:
        day = dt.date.fromisoformat((text or "").strip())
    except ValueError:
        return None
    return day if 1900 <= day.year <= 2999 else None


def records_on_prime_sites(prime):
    return (
        WorkRecord.select(WorkRecord, Site, Worker)
        .join(Site)
        .switch(WorkRecord)
        .join(Worker)
        .where(Site.held_by(prime))
    )
