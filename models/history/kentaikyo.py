"""建退共 (Q8-6): the company's 共済契約者番号 and the monthly calendar of days per worker with each
worker's 被共済者番号 — the shape subcontractors feed to 建退共's reporting tool (下請個別作業方式).
Month M's calendar is ready from the 10th of month M+1 (DOMAIN §7)."""

import calendar as cal
import datetime as dt
import re
from collections import defaultdict
from typing import NamedTuple

from peewee import fn

from models.accounts.workers import Worker
from models.core.errors import DomainError
from models.core.numbers import is_digits
from models.sites.records import WorkRecord

READY_DAY = 10


class KentaikyoError(DomainError):
    pass


def normalize_contract_number(text):
    """共済契約者番号: digits only (full-width and hyphens forgiven); the length is not published."""
    digits = re.sub(r"[\s\-－ー]", "", text or "")
    digits = digits.translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    if digits and (not is_digits(digits) or len(digits) > 20):
        raise KentaikyoError("contract_number")
    return digits


def ready_on(year, month):
    nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
    return nxt.replace(day=READY_DAY)


class CalendarWorker(NamedTuple):
    """What the calendar prints of a worker, read as plain columns (no model instance per record)."""

    worker_id: str
    full_name: str
    kentaikyo_number: str


def _day_of(value):
    # SQLite hands the date back as text "YYYY-MM-DD"; PostgreSQL as a date.
    return int(value[8:10]) if isinstance(value, str) else value.day


def calendar_rows(company, year, month, site=None):
    """[(worker, {day}, total)] of days worked under `company` in the month, ordered by kana: one query
    of plain tuples, so 10,000 workers × a month costs the database's time, not peewee's."""
    first = dt.date(year, month, 1)
    last = first.replace(day=cal.monthrange(year, month)[1])
    query = (
        WorkRecord.select(
            Worker.id,
            Worker.worker_id,
            Worker.family_name,
            Worker.given_name,
            Worker.middle_name,
            Worker.family_kana,
            Worker.given_kana,
            Worker.kentaikyo_number,
            fn.COALESCE(WorkRecord.work_date, None).coerce(False),
        )
        .join(Worker, on=(WorkRecord.worker == Worker.id))
        .where((WorkRecord.company == company) & WorkRecord.work_date.between(first, last))
        .tuples()
    )
    if site is not None:
        query = query.where(WorkRecord.site == site)
    days, workers = defaultdict(set), {}
    for pk, worker_id, family, given, middle, family_kana, given_kana, number, day in query:
        days[pk].add(_day_of(day))
        if pk not in workers:
            name = " ".join(p for p in (family, given, middle) if p)
            workers[pk] = (
                (family_kana or "", given_kana or "", pk),
                CalendarWorker(worker_id or "", name, number or ""),
            )
    ordered = sorted(workers.items(), key=lambda item: item[1][0])
    return [(worker, days[pk], len(days[pk])) for pk, (_key, worker) in ordered], cal.monthrange(year, month)[1]
