"""A worker's career from their records: sites over time, days per year and per trade, qualifications,
and the career summary (就業履歴と資格の証明, Q9-1) with a code anyone can check."""

import hashlib
import json
import secrets
from collections import Counter, defaultdict

from peewee import CharField, DateField, ForeignKeyField, TextField

from extensions import db
from models.accounts.workers import Qualification, Worker
from models.core.base import BaseModel
from models.sites.records import WorkRecord
from models.sites.sites import Site

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I to misread on paper


def _records(worker):
    """(work_date, trade, site id, site name) of every record that counts, in one query."""
    query = (
        WorkRecord.select(WorkRecord.work_date, WorkRecord.trade, Site.id, Site.name)
        .join(Site)
        .where(WorkRecord.worker == worker)
        .order_by(WorkRecord.work_date)
        .tuples()
    )
    return list(query)


def career(worker):
    """Everything the career page and the summary show, computed from one query of records."""
    rows = _records(worker)
    days = {d for d, _, _, _ in rows}
    by_year = Counter(d.year for d in days)
    trade_days = defaultdict(set)
    sites = {}
    for day, trade, site_id, site_name in rows:
        trade_days[trade or ""].add(day)
        entry = sites.setdefault(site_id, {"name": site_name, "first": day, "last": day, "days": set()})
        entry["last"] = max(entry["last"], day)
        entry["days"].add(day)
    timeline = sorted(
        ({"name": s["name"], "first": s["first"], "last": s["last"], "days": len(s["days"])} for s in sites.values()),
        key=lambda s: (s["first"], s["name"]),
    )
    quals = list(Qualification.select().where(Qualification.worker == worker).order_by(Qualification.acquired_on))
    years = range(min(by_year), max(by_year) + 1) if by_year else []
    return {
        "total_days": len(days),
        "by_year": [(y, by_year.get(y, 0)) for y in years],
        "by_trade": sorted(((t, len(ds)) for t, ds in trade_days.items()), key=lambda x: (-x[1], x[0])),
        "timeline": timeline,
        "qualifications": quals,
    }


def csv_rows(worker):
    """Every record for the CSV export, oldest first."""
    return (
        WorkRecord.select(WorkRecord, Site)
        .join(Site)
        .where(WorkRecord.worker == worker)
        .order_by(WorkRecord.work_date, WorkRecord.id)
    )


class CareerSummary(BaseModel):
    """A printed career summary; the code on it shows the same facts on the public check page."""

    worker = ForeignKeyField(Worker, backref="career_summaries", on_delete="CASCADE")
    code = CharField(unique=True)
    issued_on = DateField()
    facts = TextField()  # JSON of what was printed, so the check shows the paper's facts, not today's
    digest = CharField()

    @classmethod
    def issue(cls, worker, today):
        data = career(worker)
        facts = {
            "name": worker.full_name,
            "worker_id": worker.worker_id,
            "total_days": data["total_days"],
            "by_trade": data["by_trade"],
            "sites": len(data["timeline"]),
            "first": data["timeline"][0]["first"].isoformat() if data["timeline"] else "",
            "last": max((s["last"] for s in data["timeline"]), default=None),
            "qualifications": [q.name for q in data["qualifications"]],
        }
        facts["last"] = facts["last"].isoformat() if facts["last"] else ""
        text = json.dumps(facts, ensure_ascii=False, sort_keys=True)
        with db.atomic():
            return cls.create(
                worker=worker,
                code=new_code(),
                issued_on=today,
                facts=text,
                digest=hashlib.sha256(text.encode()).hexdigest(),
            ), data

    def fact_dict(self):
        return json.loads(self.facts)

    @classmethod
    def check(cls, code):
        """The summary a typed code names; spaces, hyphens and case are forgiven."""
        clean = "".join(ch for ch in (code or "").upper() if ch in CODE_ALPHABET)
        if len(clean) != 12:
            return None
        return cls.get_or_none(cls.code == clean)


def new_code():
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(12))  # 60 bits: not guessable


def format_code(code):
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))
