"""就業履歴: card touches and the work records (one per worker, site, day and trade) they make.

A touch counts only for a worker on a roster of the touch's site, on a day inside the site's accrual
period (就業履歴蓄積期間); any other card's touch is kept as an unassigned touch and becomes a record
if that worker is put on a roster of the site by the manual-entry deadline (end of the month after
the work date, DOMAIN §7). First entry and last exit are kept by one atomic upsert (earliest and
latest win), so concurrent batches for one worker and day cannot lose a time."""

import datetime as dt
import json
from typing import NamedTuple

from peewee import (
    JOIN,
    SQL,
    BigIntegerField,
    CharField,
    DateField,
    DateTimeField,
    ForeignKeyField,
    SqliteDatabase,
)

from extensions import db
from models.accounts.accounts import Account
from models.accounts.companies import Company
from models.accounts.workers import Affiliation, Worker
from models.cards.cards import Card
from models.core.base import BaseModel
from models.core.clock import JST, jst_date, now_jst, utcnow
from models.core.ids import IdSequence
from models.core.numbers import int_or_none
from models.sites.sites import RosterEntry, Site, SiteError

__all__ = ["JST", "Touch", "WorkRecord", "deadline_for", "write_transaction"]

MAX_SEQ = 2**63 - 1  # the seq column is a BIGINT
RECORD_SEQ = "work_record_seq"  # IdSequence row whose value orders record changes for the export cursor


class WorkRecord(BaseModel):
    worker = ForeignKeyField(Worker, backref="work_records")
    site = ForeignKeyField(Site, backref="work_records")
    company = ForeignKeyField(Company, null=True)  # employer on the roster
    work_date = DateField()
    trade = CharField(default="")  # from the roster; empty when the worker left that employer
    position = CharField(default="")
    work_content = CharField(default="")  # 作業内容 from the roster (Q7-4); empty like 立場 without an employer
    first_in = DateTimeField(null=True)  # JST wall time
    last_out = DateTimeField(null=True)
    source = CharField(default="card")
    seq = BigIntegerField(default=0)  # change order for GET /api/v1/records?since=

    class Meta:
        indexes = (
            (("worker", "site", "work_date", "trade"), True),
            (("seq", "id"), False),
            (("site", "work_date"), False),
        )

    @classmethod
    def of_worker(cls, worker):
        return (
            cls.select(cls, Site).join(Site).where(cls.worker == worker).order_by(cls.work_date.desc(), cls.id.desc())
        )

    @classmethod
    def days_of(cls, worker):
        """就業日数: the worker's distinct (day, site) pairs over the whole history."""
        return cls.select(cls.work_date, cls.site).where(cls.worker == worker).distinct().count()


class Touch(BaseModel):
    """A touch as it arrived; (owner, event_id) makes a resend harmless. `owner` is who sent it:
    reader:<id>, system:<id> (a certified system's token) or account:<id> (a phone read)."""

    owner = CharField(max_length=40)
    event_id = CharField(max_length=64)
    site = ForeignKeyField(Site, backref="touches", on_delete="CASCADE")
    card = ForeignKeyField(Card, null=True)
    worker = ForeignKeyField(Worker, null=True)
    direction = CharField(max_length=3)  # in / out
    touched_at = DateTimeField()  # JST wall time
    work_date = DateField()
    status = CharField(max_length=12, default="counted")  # counted / unassigned
    method = CharField(max_length=8, default="reader")  # reader / nfc / qr / typed / system
    made_by = ForeignKeyField(Account, null=True)  # the logged-in person for phone reads

    class Meta:
        indexes = ((("owner", "event_id"), True), (("site", "status", "work_date"), False))


def deadline_for(work_date):
    """The last day a work date can still become a record, be entered or be approved: the end of the
    following month (DOMAIN §7). The one deadline: ingestion, rosters, work entries and approvals use it."""
    year, month = (
        (work_date.year, work_date.month + 2) if work_date.month < 11 else (work_date.year + 1, work_date.month - 10)
    )
    return dt.date(year, month, 1) - dt.timedelta(days=1)


def write_transaction():
    """One write transaction; on SQLite it starts IMMEDIATE so concurrent writers wait (busy_timeout)
    instead of failing with 'database is locked' when a reader upgrades to a writer."""
    if isinstance(db.obj, SqliteDatabase):
        return db.atomic(lock_type="IMMEDIATE")
    return db.atomic()


def next_record_seq():
    """Bumps the change counter, in one statement. On PostgreSQL the row lock is held to commit, so batches
    commit in counter order and a cursor over (seq, id) never skips a row that commits late."""
    table = IdSequence._meta.table_name
    mark = db.obj.param
    sql = (
        f'INSERT INTO "{table}" ("created_at", "kind", "last") VALUES ({mark}, {mark}, 1) '
        f'ON CONFLICT ("kind") DO UPDATE SET "last" = "{table}"."last" + 1 RETURNING "last"'
    )
    return db.execute_sql(sql, [_param(utcnow()), RECORD_SEQ]).fetchone()[0]


_COMPILED = {}


def compiled(key, build):
    """The SQL text of a hot query whose shape never changes, only its parameters (lists go as one
    parameter, see `among`): peewee builds it once per process and engine, not on every request."""
    sql = _COMPILED.get((key, db.obj.__class__))
    if sql is None:
        sql = _COMPILED[(key, db.obj.__class__)] = build().sql()[0]
    return sql


def array(values):
    """A list as the one parameter `among` sends."""
    values = list(values)
    return json.dumps(values) if isinstance(db.obj, SqliteDatabase) else values


def _param(value):
    # SQLite keeps dates as the text peewee writes; the driver's own adapters are deprecated.
    return str(value) if isinstance(value, dt.date) and isinstance(db.obj, SqliteDatabase) else value


def as_date(value):
    """A date column read without peewee: SQLite gives text, PostgreSQL a date."""
    return dt.date.fromisoformat(value[:10]) if isinstance(value, str) else value


class Roster(NamedTuple):
    site_id: int
    worker_id: int
    company_id: int
    trade: str
    position: str
    work_content: str
    lent_from_id: int | None  # the employer of a worker received under the lending scheme (Q7-7)

    @property
    def employer_id(self):
        """Whose employment the day depends on: the lender's for a lent worker, else the roster's."""
        return self.lent_from_id or self.company_id


def rosters_for(pairs):
    """{(site_id, worker_id): Roster} for the pairs, in one query (read as plain rows)."""
    if not pairs:
        return {}
    R = RosterEntry
    sql = compiled(
        "rosters_for",
        lambda: R.select(R.site, R.worker, R.company, R.trade, R.position, R.work_content, R.lent_from).where(
            among(R.site, [0]) & among(R.worker, [0])
        ),
    )
    rows = db.execute_sql(sql, [array({s for s, _ in pairs}), array({w for _, w in pairs})]).fetchall()
    return {(r[0], r[1]): Roster(*r) for r in rows if (r[0], r[1]) in pairs}


def employments_for(pairs):
    """{(worker_id, company_id): [ended_on]} in one query (read as plain rows)."""
    if not pairs:
        return {}
    A = Affiliation
    sql = compiled(
        "employments_for",
        lambda: A.select(A.worker, A.company, A.ended_on).where(among(A.worker, [0]) & among(A.company, [0])),
    )
    found = {}
    for worker_id, company_id, ended_on in db.execute_sql(
        sql, [array({w for w, _ in pairs}), array({c for _, c in pairs})]
    ).fetchall():
        found.setdefault((worker_id, company_id), []).append(as_date(ended_on) if ended_on else None)
    return found


def record_rows(counted, rosters, employments):
    """Folds counted touches (worker_id, site_id, day, direction, wall) into one row per record key:
    earliest in, latest out. A worker who has left the roster's employer by that day counts without
    立場, 職種 or 作業内容 (Q7-6). A lent worker counts under the receiving company, the roster's, with its
    立場, 職種 and 作業内容 while still employed by the lender (Q7-7). The roster's 作業内容 is kept in the
    record (Q7-4)."""
    rows = {}
    for worker_id, site_id, day, direction, wall in counted:
        roster = rosters.get((site_id, worker_id))
        employed = roster is not None and any(
            ended is None or ended >= day for ended in employments.get((worker_id, roster.employer_id), [])
        )
        trade, position, content, company = (
            (roster.trade, roster.position, roster.work_content, roster.company_id) if employed else ("", "", "", None)
        )
        key = (worker_id, site_id, day, trade)
        row = rows.setdefault(
            key,
            {
                "worker": worker_id,
                "site": site_id,
                "work_date": day,
                "trade": trade,
                "position": position,
                "work_content": content,
                "company": company,
                "first_in": None,
                "last_out": None,
            },
        )
        if direction == "in" and (row["first_in"] is None or wall < row["first_in"]):
            row["first_in"] = wall
        if direction == "out" and (row["last_out"] is None or wall > row["last_out"]):
            row["last_out"] = wall
    return list(rows.values())


def among(field, values):
    """`field IN (values)` with the whole list as one parameter (a JSON array on SQLite, an array on
    PostgreSQL): a 1,000-value IN list costs peewee more to build than the database to run."""
    values = list(values)
    if not values:
        return SQL("1 = 0")
    if isinstance(db.obj, SqliteDatabase):
        return field.in_(SQL("(SELECT value FROM json_each(?))", [json.dumps(values)]))
    return field == SQL("ANY(%s)", [values])


def bulk_insert(model, rows, suffix=""):
    """INSERT of many rows in one statement, with the SQL written here: peewee's per-value SQL
    generation costs more than the database does on a 1,000-row batch. Returns the cursor."""
    columns = list(rows[0])
    fields = [model._meta.fields[c] for c in columns]
    params = [value for row in rows for value in row.values()]  # plain values: ids, text, dates
    if isinstance(db.obj, SqliteDatabase):
        params = [str(v) if isinstance(v, dt.date) else v for v in params]  # the text form peewee stores
    mark = db.obj.param
    one = "(" + ", ".join([mark] * len(columns)) + ")"
    names = ", ".join(f'"{f.column_name}"' for f in fields)
    sql = f'INSERT INTO "{model._meta.table_name}" ({names}) VALUES ' + ", ".join([one] * len(rows)) + suffix
    return db.execute_sql(sql, params)


def upsert_records(rows, seq):
    """One statement: new records inserted, existing ones keep the earliest in and the latest out."""
    if not rows:
        return
    created = utcnow()
    for row in rows:
        row["seq"], row["created_at"], row["source"] = seq, created, "card"
    bulk_insert(
        WorkRecord,
        rows,
        ' ON CONFLICT ("worker_id", "site_id", "work_date", "trade") DO UPDATE SET'
        ' "first_in" = CASE WHEN "work_record"."first_in" IS NULL OR excluded."first_in" < "work_record"."first_in"'
        ' THEN excluded."first_in" ELSE "work_record"."first_in" END,'
        ' "last_out" = CASE WHEN "work_record"."last_out" IS NULL OR excluded."last_out" > "work_record"."last_out"'
        ' THEN excluded."last_out" ELSE "work_record"."last_out" END,'
        ' "seq" = excluded."seq"',
    )


def mark_used(counted):
    """A card touch counts as use for the 12-months rule (Q5-15): one update per distinct day."""
    by_day = {}
    for worker_id, _site, day, _dir, _wall in counted:
        by_day.setdefault(day, set()).add(worker_id)
    for day, workers in by_day.items():
        Worker.update(last_used_at=day).where(
            among(Worker.id, workers) & (Worker.last_used_at.is_null() | (Worker.last_used_at < day))
        ).execute()


def promote_unassigned(site_ids, today=None):
    """Unassigned touches whose worker was put on the site's roster by the deadline become records.
    Returns how many touches were promoted. Call inside a write transaction."""
    today = today or now_jst().date()
    query = (
        Touch.select(Touch, RosterEntry.created_at.alias("rostered_at"))
        .join(RosterEntry, on=(RosterEntry.site == Touch.site) & (RosterEntry.worker == Touch.worker))
        .where(Touch.site.in_(list(site_ids)) & (Touch.status == "unassigned"))
        .objects()
    )
    candidates = list(query)
    if not candidates:
        return 0
    sites = {s.id: s for s in Site.select().where(Site.id.in_({t.site_id for t in candidates}))}
    ready = []
    for touch in candidates:
        if jst_date(touch.rostered_at) <= deadline_for(touch.work_date) and sites[touch.site_id].accrues_on(
            touch.work_date
        ):
            ready.append(touch)
    if not ready:
        return 0
    counted = [(t.worker_id, t.site_id, t.work_date, t.direction, t.touched_at) for t in ready]
    pairs = {(t.site_id, t.worker_id) for t in ready}
    rosters = rosters_for(pairs)
    employments = employments_for({(w, rosters[(s, w)].employer_id) for s, w in pairs})
    upsert_records(record_rows(counted, rosters, employments), next_record_seq())
    Touch.update(status="counted").where(Touch.id.in_([t.id for t in ready])).execute()
    return len(ready)


def sites_with_unassigned():
    """Ids of the sites holding unassigned touches of workers who are now on their roster."""
    query = (
        Touch.select(Touch.site)
        .join(RosterEntry, on=(RosterEntry.site == Touch.site) & (RosterEntry.worker == Touch.worker))
        .where(Touch.status == "unassigned")
        .distinct()
    )
    return [t.site_id for t in query]


def parse_cursor(text):
    """(seq, id) from a `since` cursor ("" = from the start); None when malformed."""
    if not text:
        return (0, 0)
    seq, _, pk = text.partition(".")
    seq, pk = int_or_none(seq, MAX_SEQ), int_or_none(pk)
    return None if seq is None or pk is None else (seq, pk)


def records_since(site_ids, cursor, limit=500):
    """Records of the sites changed after the cursor, in change order, and the next cursor. Every
    record comes again after each change to its times, so a puller keeps the latest by id."""
    seq, pk = cursor
    R = WorkRecord
    rows = list(
        R.select(
            R,
            Site.site_id.alias("site_no"),
            Worker.worker_id.alias("worker_no"),
            Worker.ccus_ref.alias("worker_ref"),
            Company.business_id.alias("biz"),
            Company.ccus_ref.alias("biz_ref"),
        )
        .join(Site)
        .switch(R)
        .join(Worker)
        .switch(R)
        .join(Company, join_type=JOIN.LEFT_OUTER)
        .where(R.site.in_(list(site_ids)) & ((R.seq > seq) | ((R.seq == seq) & (R.id > pk))))
        .order_by(R.seq, R.id)
        .limit(limit)
        .objects()
    )
    records = [
        {
            "id": r.id,
            "site_id": r.site_no,
            "worker_id": r.worker_no,
            "company_business_id": r.biz,
            "worker_ccus_id": r.worker_ref or None,  # a real CCUS ID kept as an external reference
            "company_ccus_id": r.biz_ref or None,
            "work_date": r.work_date.isoformat(),
            "trade": r.trade,
            "position": r.position,
            "work_content": r.work_content,
            "first_in": r.first_in.isoformat() + "+09:00" if r.first_in else None,
            "last_out": r.last_out.isoformat() + "+09:00" if r.last_out else None,
        }
        for r in rows
    ]
    next_cursor = f"{rows[-1].seq}.{rows[-1].id}" if rows else (f"{seq}.{pk}" if seq or pk else "")
    return records, next_cursor


def with_history_on_site(entries):
    """The ids of the roster entries whose worker has work history on the entry's site, in one query: such
    a worker stays on the roster (history keeps its source), so 「名簿から外す」 is not offered."""
    entries = list(entries)
    if not entries:
        return set()
    pairs = {(e.site_id, e.worker_id) for e in entries}
    found = set(
        WorkRecord.select(WorkRecord.site, WorkRecord.worker)
        .where(WorkRecord.site.in_({site for site, _w in pairs}) & WorkRecord.worker.in_({w for _s, w in pairs}))
        .distinct()
        .tuples()
    )
    return {e.id for e in entries if (e.site_id, e.worker_id) in found}


def remove_from_roster(entry):
    """Takes the worker off the roster, unless they have history on the site (with_history_on_site)."""
    if with_history_on_site([entry]):
        raise SiteError("has_history")
    entry.delete_instance()


def first_days(site, worker_ids):
    """{worker_id: the first day with a work record on `site`}: the roster's 入場年月日, in one query."""
    from peewee import fn

    rows = (
        WorkRecord.select(WorkRecord.worker, fn.MIN(WorkRecord.work_date))
        .where((WorkRecord.site == site) & WorkRecord.worker.in_(list(worker_ids) or [0]))
        .group_by(WorkRecord.worker)
        .tuples()
    )
    return {
        worker_id: day if isinstance(day, dt.date) else dt.date.fromisoformat(str(day)[:10]) for worker_id, day in rows
    }
