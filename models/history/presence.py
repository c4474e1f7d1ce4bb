"""入退場 (seed Q7-11): from the same touches, who is on site now, each worker's in/out per day,
headcount per company; unassigned touches only as a count."""

from flask_babel import gettext as _
from peewee import JOIN, fn

from models.accounts.companies import Company
from models.accounts.workers import Worker
from models.core.pagination import Page
from models.sites.records import Touch, WorkRecord, promote_unassigned, write_transaction
from models.sites.sites import Site

ON_SITE_SHOWN = 100  # names listed under 「いま現場にいる人」; the count is always the whole


def _of_day(site, day):
    return (WorkRecord.site == site) & (WorkRecord.work_date == day)


def _with_people(query):
    return query.join(Worker).switch(WorkRecord).join(Company, join_type=JOIN.LEFT_OUTER)


def day_sheet(site, day, page=1):
    """One page of the day's records (with worker and company), who is on site, headcount per company:
    counted by the database, so the page costs the same for 30 workers or 10,000."""
    with write_transaction():
        promote_unassigned([site.id])
    ordered = (WorkRecord.first_in, WorkRecord.id)
    records = Page(
        _with_people(WorkRecord.select(WorkRecord, Worker, Company)).where(_of_day(site, day)).order_by(*ordered), page
    )
    inside = _of_day(site, day) & WorkRecord.first_in.is_null(False)
    inside &= WorkRecord.last_out.is_null() | (WorkRecord.last_out < WorkRecord.first_in)
    on_site = _with_people(WorkRecord.select(WorkRecord, Worker, Company)).where(inside).order_by(*ordered)
    headcount = (
        WorkRecord.select(Company.name, fn.COUNT(WorkRecord.id))
        .join(Company, JOIN.LEFT_OUTER, on=(WorkRecord.company == Company.id))
        .where(_of_day(site, day))
        .group_by(Company.id, Company.name)
        .tuples()
    )
    unassigned = (
        Touch.select(Touch.card)
        .where((Touch.site == site) & (Touch.status == "unassigned") & (Touch.work_date == day))
        .distinct()
        .count()
    )
    return {
        "records": records,
        "on_site": list(on_site.limit(ON_SITE_SHOWN)),
        "on_site_total": on_site.count(),
        "headcount": sorted(headcount, key=lambda kv: (kv[0] is None, kv[0] or "")),
        "unassigned_cards": unassigned,
    }


def day_rows(site: Site, day):
    """Every record of the day as the rows of its CSV, header first, read as plain columns."""
    yield [_("現場ID"), _("日付"), _("技能者ID"), _("氏名"), _("所属事業者"), _("入場"), _("退場")]
    query = (
        WorkRecord.select(
            Worker.worker_id,
            Worker.family_name,
            Worker.given_name,
            Worker.middle_name,
            Company.name,
            WorkRecord.first_in,
            WorkRecord.last_out,
        )
        .join(Worker)
        .switch(WorkRecord)
        .join(Company, join_type=JOIN.LEFT_OUTER)
        .where(_of_day(site, day))
        .order_by(WorkRecord.first_in, WorkRecord.id)
        .tuples()
    )
    for worker_id, family, given, middle, company, first_in, last_out in query.iterator():
        yield [
            site.site_id,
            day.isoformat(),
            worker_id or "",
            " ".join(p for p in (family, given, middle) if p),
            company or "",
            first_in.strftime("%H:%M") if first_in else "",
            last_out.strftime("%H:%M") if last_out else "",
        ]
