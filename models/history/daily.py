"""The 元請's daily list of a site: every work record of one day with its worker and employer,
in one query (no query per row), read as plain tuples of the columns the list shows: a 500-row day
costs peewee far more as model instances than the database costs to read."""

from typing import NamedTuple

from peewee import JOIN, fn

from models.accounts.companies import Company
from models.accounts.workers import Worker
from models.core.pagination import Page
from models.sites.records import WorkRecord


class DailyRow(NamedTuple):
    worker_name: str
    company_name: str | None
    trade: str
    position: str
    first_in: str  # HH:MM, or "" when missing
    last_out: str


def _hhmm(moment):
    """HH:MM of a raw time: SQLite's text "YYYY-MM-DD HH:MM:SS" or PostgreSQL's datetime."""
    if not moment:
        return ""
    return moment[11:16] if isinstance(moment, str) else moment.strftime("%H:%M")


def _raw(field):
    # peewee parses SQLite's datetime text with strptime, a format at a time: most of a 500-row page.
    return fn.COALESCE(field, None).coerce(False)


def daily_list(site, day, page=1):
    """One page of the day's records (PER_PAGE rows, `total` for the whole day): the page costs the same
    for a site of 30 workers or 10,000."""
    query = (
        WorkRecord.select(
            Worker.family_name,
            Worker.given_name,
            Worker.middle_name,
            Company.name,
            WorkRecord.trade,
            WorkRecord.position,
            _raw(WorkRecord.first_in),
            _raw(WorkRecord.last_out),
        )
        .join(Worker, on=(WorkRecord.worker == Worker.id))
        .switch(WorkRecord)
        .join(Company, JOIN.LEFT_OUTER, on=(WorkRecord.company == Company.id))
        .where((WorkRecord.site == site) & (WorkRecord.work_date == day))
        .order_by(WorkRecord.first_in, WorkRecord.id)
        .tuples()
    )
    listed = Page(query, page)
    listed.items = [
        DailyRow(" ".join(p for p in names if p), company, trade, position, _hhmm(first_in), _hhmm(last_out))
        for *names, company, trade, position, first_in, last_out in listed.items
    ]
    return listed
