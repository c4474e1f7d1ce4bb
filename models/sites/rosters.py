"""作業員名簿 rules: who can be put on a site, the roster's flags, many at once, and the
新規入場時等教育 sessions the 元請 records."""

import datetime as dt

from flask_babel import lazy_gettext as _l
from peewee import JOIN, CharField, DateField, ForeignKeyField, IntegrityError, TextField

from extensions import db
from models.accounts.companies import Company
from models.accounts.workers import Affiliation, Worker
from models.core import clock
from models.core.base import BaseModel
from models.sites.records import with_history_on_site
from models.sites.sites import RosterEntry, Site, SiteContract, SiteError

# 属性 marks of the 全建統一様式 第5号 roster (its foot lists them as one-letter marks)
MARKS = [
    ("agent", _l("現場代理人")),
    ("chief", _l("主任技術者")),
    ("operations", _l("作業主任者")),
    ("foreman", _l("職長")),
    ("safety", _l("安全衛生責任者")),
    ("upgrade", _l("能力向上教育")),
    ("recurrence", _l("危険有害業務・再発防止教育")),
]
MARK_LETTERS = {
    "agent": "現",
    "chief": "主",
    "operations": "作",
    "foreman": "職",
    "safety": "安",
    "upgrade": "能",
    "recurrence": "再",
}
FOREIGN_STATUSES = [
    ("trainee", _l("技能実習生")),
    ("construction", _l("外国人建設就労者")),
    ("specified1", _l("1号特定技能外国人")),
]
MINOR_AGE, SENIOR_AGE = 18, 65

# the worker columns a roster row on screen shows (name, ID, flags, statutory items): a 50-row page
# reads these few instead of every column of every worker
ROW_WORKER_FIELDS = (
    Worker.id,
    Worker.worker_id,
    Worker.family_name,
    Worker.given_name,
    Worker.middle_name,
    Worker.birth_date,
    Worker.gender,
    Worker.nationality,
    Worker.health_insurance,
    Worker.pension,
    Worker.employment_insurance,
    Worker.kentaikyo_number,
    Worker.residence_until,
)
# what a candidate to add shows: name and 技能者ID (ordered by フリガナ)
CANDIDATE_FIELDS = (
    Worker.id,
    Worker.worker_id,
    Worker.family_name,
    Worker.given_name,
    Worker.middle_name,
    Worker.family_kana,
)

ENTRY_FIELDS = (
    "position",
    "trade",
    "work_content",
    "marks",
    "foreign_status",
    "hired_on",
    "entered_on",
    "left_on",
    "hire_education_on",
    "entry_education_on",
    "health_check_on",
    "blood_pressure",
    "special_health_check_on",
    "special_health_check_kind",
    "family_contact",
    "special_education",
    "skill_training",
    "show_qualifications",
)


def age_on(birth_date, day):
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))


def residence_flag(worker, today, last_day):
    """在留期間 against the site: ended already, or ending on or before the site's last day (within
    90 days when the site has none)."""
    until = worker.residence_until
    if until is None:
        return None
    if until < today:
        return "residence_ended"
    horizon = last_day or today + dt.timedelta(days=RESIDENCE_HORIZON_DAYS)
    return "residence_ends" if until <= horizon else None


RESIDENCE_HORIZON_DAYS = 90


def flags(worker, today, last_day=None):
    """Flags that come from the worker's data: 年少者 (<18), 高齢者 (≥65), 外国人, 女性, and a 在留期間
    that has ended or ends within the site's period (`last_day`)."""
    age = age_on(worker.birth_date, today)
    found = []
    if age < MINOR_AGE:
        found.append("minor")
    if age >= SENIOR_AGE:
        found.append("senior")
    if worker.is_foreign:
        found.append("foreign")
    if worker.gender == "2":
        found.append("female")
    residence = residence_flag(worker, today, last_day)
    if residence:
        found.append(residence)
    return found


def _current_affiliations(worker_ids):
    """{worker_id: [(company_id, company approved, is main)]} of current 所属, main first, in one query."""
    rows = (
        Affiliation.select(Affiliation.worker, Affiliation.company, Affiliation.is_main, Company.status)
        .join(Company)
        .where(Affiliation.worker.in_(list(worker_ids) or [0]) & Affiliation.ended_on.is_null())
        .order_by(Affiliation.is_main.desc(), Affiliation.id)
        .tuples()
    )
    found = {}
    for worker_id, company_id, is_main, status in rows:
        found.setdefault(worker_id, []).append((company_id, status == "approved", is_main))
    return found


def _standing(company_id, affiliations):
    if any(c == company_id for c, _approved, _main in affiliations):
        return "affiliated"
    if affiliations:  # employed elsewhere, or by a company shown without a 事業者ID (Q2-6)
        return "not_linked"
    return "unregistered_employer"


def standing(company, worker):
    """How `worker` stands towards `company`'s roster:
    affiliated — a current 所属 linked by 事業者ID; not_linked — employed elsewhere, or by a company
    the worker's record shows without a 事業者ID, so the link (関連付け) is missing (Q2-6);
    unregistered_employer — no employer in the register at all (Q7-6)."""
    return _standing(company.id, _current_affiliations([worker.id]).get(worker.id, []))


def search(contract, query, limit=30):
    """Workers `contract.company` may put on the site: its own affiliated workers matching `query`
    (name, kana or 技能者ID), not yet on the site. A full 技能者ID of anyone else is found too, with
    its standing, so the page can say why they cannot (Q2-6) or how they can (Q7-6) be listed."""
    query = (query or "").strip()
    on_site = RosterEntry.select(RosterEntry.worker).where(RosterEntry.site == contract.site_id)
    own = (
        Worker.select(*CANDIDATE_FIELDS)
        .join(Affiliation)
        .where(
            (Affiliation.company == contract.company_id)
            & Affiliation.ended_on.is_null()
            & (Worker.status == "approved")
            & Worker.id.not_in(on_site)
        )
    )
    if query:
        like = f"%{query}%"
        own = own.where(
            Worker.family_name.contains(query)
            | Worker.given_name.contains(query)
            | (Worker.family_name.concat(" ").concat(Worker.given_name) ** like)
            | Worker.family_kana.contains(query)
            | Worker.given_kana.contains(query)
            | (Worker.worker_id == query)
            | (Worker.ccus_ref == query)  # a real CCUS ID kept as an external reference
        )
    results = [(w, "affiliated") for w in own.order_by(Worker.family_kana, Worker.id).limit(limit).distinct()]
    if query and not results:
        other = Worker.get_or_none(
            ((Worker.worker_id == query) | ((Worker.ccus_ref == query) & (Worker.ccus_ref != "")))
            & (Worker.status == "approved")
        )
        if other is not None:
            on = RosterEntry.select().where((RosterEntry.site == contract.site_id) & (RosterEntry.worker == other))
            results = [(other, "on_site" if on.exists() else standing(contract.company, other))]
    return results


def add_many(contract, workers, by_company, lent=False, **fields):
    """Puts several workers on `contract`'s roster with the same 立場・職種 and details, all or none,
    in a fixed number of queries. A worker without a registered employer may be listed (Q7-6); one
    employed by a registered company that is not linked to this one may not (Q2-6), unless received
    under the MHLW-licensed lending scheme (`lent`, Q7-7). The listed company must be usable (fee paid,
    registration not expired), whoever files, an upper tier by proxy too. A worker whose 在留期間 has
    ended is refused (one ending within the site's period is listed and flagged, see flags). Returns
    the new rows with their workers; raises SiteError(code, worker)."""
    if contract.status != "accepted":
        raise SiteError("not_accepted")
    if not contract.company.usable:
        raise SiteError(contract.company.unusable_reason)
    if not workers:
        raise SiteError("not_affiliated")
    ids = [w.id for w in workers]
    affiliations = _current_affiliations(ids)
    taken = set(
        RosterEntry.select(RosterEntry.worker)
        .where((RosterEntry.site == contract.site_id) & RosterEntry.worker.in_(ids))
        .tuples()
    )
    added_by = by_company.id if by_company.id != contract.company_id else None
    rows = []
    today = clock.today()
    for worker in workers:
        mine = affiliations.get(worker.id, [])
        how = _standing(contract.company_id, mine)
        if not worker.approved:
            raise SiteError("not_affiliated", worker)
        if worker.residence_ended(today):
            raise SiteError("residence_ended", worker)
        lender = next((c for c, approved, _main in mine if approved), None) if how == "not_linked" else None
        if how == "not_linked" and not (lent and lender):
            raise SiteError("not_linked", worker)
        if (worker.id,) in taken:
            raise SiteError("duplicate", worker)
        rows.append(
            {
                "site": contract.site_id,
                "company": contract.company_id,
                "worker": worker.id,
                "employer_unregistered": how == "unregistered_employer",
                "lent_from": lender,
                "added_by": added_by,
                **fields,
            }
        )
    try:
        with db.atomic():
            RosterEntry.insert_many(rows).execute()
    except IntegrityError:  # another request put one of them on the site meanwhile
        raise SiteError("duplicate") from None
    return list(
        RosterEntry.select(RosterEntry, *ROW_WORKER_FIELDS)
        .join(Worker)
        .where((RosterEntry.site == contract.site_id) & RosterEntry.worker.in_(ids))
        .order_by(RosterEntry.id)
    )


def roster_counts(contract):
    """How many are on `contract`'s roster and how many of them lack the 新規入場時教育, in one query."""
    from peewee import Case, fn

    missing = fn.SUM(Case(None, [(RosterEntry.entry_education_on.is_null(), 1)], 0))
    total, lacking = (
        RosterEntry.select(fn.COUNT(RosterEntry.id), missing)
        .where((RosterEntry.site == contract.site_id) & (RosterEntry.company == contract.company_id))
        .tuples()
        .get()
    )
    return {"total": total, "missing_education": lacking or 0}


def update_entry(entry, **fields):
    for name, value in fields.items():
        if name in ENTRY_FIELDS:
            setattr(entry, name, value)
    entry.save()
    return entry


class EducationSession(BaseModel):
    """新規入場時等教育: a session the 元請 held on the site, and who attended it."""

    site = ForeignKeyField(Site, backref="education_sessions", on_delete="CASCADE")
    held_on = DateField()
    instructor = CharField()  # 実施者
    content = TextField(default="")  # 教育内容

    @classmethod
    def of_site(cls, site):
        return cls.select().where(cls.site == site).order_by(cls.held_on.desc(), cls.id.desc())

    def attendees(self):
        return (
            RosterEntry.select(RosterEntry, Worker, Company)
            .join(EducationAttendance, on=(EducationAttendance.entry == RosterEntry.id))
            .switch(RosterEntry)
            .join(Worker)
            .switch(RosterEntry)
            .join(Company)
            .where(EducationAttendance.session == self)
            .order_by(RosterEntry.company, RosterEntry.id)
        )


class EducationAttendance(BaseModel):
    session = ForeignKeyField(EducationSession, backref="attendance", on_delete="CASCADE")
    entry = ForeignKeyField(RosterEntry, backref="education_attendance", on_delete="CASCADE")

    class Meta:
        indexes = ((("session", "entry"), True),)


def record_session(site, held_on, instructor, content, entries):
    """Records a session and marks each attendee's 受入教育 date (the first one counts)."""
    with db.atomic():
        session = EducationSession.create(site=site, held_on=held_on, instructor=instructor, content=content)
        EducationAttendance.insert_many([{"session": session.id, "entry": e.id} for e in entries]).execute()
        RosterEntry.update(entry_education_on=held_on).where(
            RosterEntry.id.in_([e.id for e in entries] or [0])
            & (RosterEntry.entry_education_on.is_null() | (RosterEntry.entry_education_on > held_on))
        ).execute()
    return session


def without_entry_education(site):
    """Roster rows of `site` whose worker has not had the 新規入場時教育 yet."""
    return (
        RosterEntry.select(RosterEntry, Worker, Company)
        .join(Worker)
        .switch(RosterEntry)
        .join(Company)
        .where((RosterEntry.site == site) & RosterEntry.entry_education_on.is_null())
        .order_by(RosterEntry.company, RosterEntry.id)
    )


def with_details(entries, today):
    """Roster rows ready to show: flags from the worker's data, the worker's 資格 and whether they have
    history on the site, loaded for all rows in one query each instead of one per row."""
    from models.accounts.workers import Qualification

    entries = list(entries)
    quals = {}
    worker_ids = [e.worker_id for e in entries]
    last_days = _last_days(entries)
    for q in Qualification.select().where(Qualification.worker.in_(worker_ids or [0])).order_by(Qualification.id):
        quals.setdefault(q.worker_id, []).append(q)
    kept = with_history_on_site(entries)
    for e in entries:
        e.has_history = e.id in kept
        e.flags = flags(e.worker, today, last_days.get((e.site_id, e.company_id)))
        e.qualifications = quals.get(e.worker_id, []) if e.show_qualifications else None
        e.mark_codes = [m for m in e.marks.split(",") if m]
    return entries


def _last_days(entries):
    """{(site id, company id): the site's last day for that company (its 請負期間, else the site's 工期,
    else its accrual period)}, in one query."""
    site_ids = list({e.site_id for e in entries})
    if not site_ids:
        return {}
    rows = (
        Site.select(Site.id, Site.prime, Site.ends_on, Site.accrual_ends_on, SiteContract.company, SiteContract.ends_on)
        .join(SiteContract, JOIN.LEFT_OUTER, on=(SiteContract.site == Site.id))
        .where(Site.id.in_(site_ids))
        .tuples()
    )
    found = {}
    for site, prime, site_end, accrual_end, company, contract_end in rows:
        found[(site, prime)] = site_end or accrual_end
        if company is not None:
            found[(site, company)] = contract_end or site_end or accrual_end
    return found


def roster_page(contract, viewer, today, size, before=None):
    """One screen of `contract`'s roster as `viewer` sees it, newest first, rows before the id
    `before`: `size` + 1 rows with details (the extra one tells there are more)."""
    rows = RosterEntry.of_contract_for(contract, viewer, today).select(RosterEntry, *ROW_WORKER_FIELDS)
    rows = rows.order_by(RosterEntry.id.desc()).limit(size + 1)
    if before:
        rows = rows.where(RosterEntry.id < before)
    return with_details(rows, today)


# code tables the roster templates label with
TABLES = {"marks": MARKS, "foreign_statuses": FOREIGN_STATUSES}
