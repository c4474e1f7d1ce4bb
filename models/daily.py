"""The 元請's daily list of a site: every work record of one day with its worker and employer,
in one query (no query per row), reading only the columns the list shows."""

from peewee import JOIN

from models.companies import Company
from models.history import WorkRecord
from models.workers import Worker


def daily_list(site, day):
    return (
        WorkRecord.select(
            WorkRecord.id,
            WorkRecord.trade,
            WorkRecord.position,
            WorkRecord.first_in,
            WorkRecord.last_out,
            WorkRecord.company,
            Worker.id,
            Worker.family_name,
            Worker.given_name,
            Worker.middle_name,
            Company.id,
            Company.name,
        )
        .join(Worker, on=(WorkRecord.worker == Worker.id))
        .switch(WorkRecord)
        .join(Company, JOIN.LEFT_OUTER, on=(WorkRecord.company == Company.id))
        .where((WorkRecord.site == site) & (WorkRecord.work_date == day))
        .order_by(WorkRecord.first_in, WorkRecord.id)
    )
