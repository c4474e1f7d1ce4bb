"""建退共 (Q8-6): the company's 共済契約者番号 and the monthly calendar of days per worker with each
worker's 被共済者番号 — the shape subcontractors feed to 建退共's reporting tool (下請個別作業方式).
Month M's calendar is ready from the 10th of month M+1 (DOMAIN §7)."""

import calendar as cal
import datetime as dt
import re
from collections import defaultdict

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


def calendar_rows(company, year, month, site=None):
    """[(worker, {day: True}, total)] of days worked under `company` in the month (one query)."""
    first = dt.date(year, month, 1)
    last = first.replace(day=cal.monthrange(year, month)[1])
    query = (
        WorkRecord.select(WorkRecord.work_date, Worker)
        .join(Worker)
        .where((WorkRecord.company == company) & WorkRecord.work_date.between(first, last))
    )
    if site is not None:
        query = query.where(WorkRecord.site == site)
    days, workers = defaultdict(set), {}
    for r in query:
        days[r.worker.id].add(r.work_date.day)
        workers[r.worker.id] = r.worker
    ordered = sorted(workers.values(), key=lambda w: (w.family_kana, w.given_kana, w.id))
    return [(w, days[w.id], len(days[w.id])) for w in ordered], cal.monthrange(year, month)[1]
