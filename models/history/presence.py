"""入退場 (seed Q7-11): from the same touches, who is on site now, each worker's in/out per day,
headcount per company; unassigned touches only as a count."""

from peewee import JOIN

from models.accounts.companies import Company
from models.accounts.workers import Worker
from models.sites.records import Touch, WorkRecord, promote_unassigned, write_transaction
from models.sites.sites import Site


def day_sheet(site, day):
    """Records of the day (with worker and company), who is on site, headcount per company."""
    with write_transaction():
        promote_unassigned([site.id])
    records = list(
        WorkRecord.select(WorkRecord, Worker, Company)
        .join(Worker)
        .switch(WorkRecord)
        .join(Company, join_type=JOIN.LEFT_OUTER)
        .where((WorkRecord.site == site) & (WorkRecord.work_date == day))
        .order_by(WorkRecord.first_in, WorkRecord.id)
    )
    on_site = [r for r in records if r.first_in and (r.last_out is None or r.last_out < r.first_in)]
    headcount = {}
    for r in records:
        name = r.company.name if r.company_id else None
        headcount[name] = headcount.get(name, 0) + 1
    unassigned = (
        Touch.select(Touch.card)
        .where((Touch.site == site) & (Touch.status == "unassigned") & (Touch.work_date == day))
        .distinct()
        .count()
    )
    return {
        "records": records,
        "on_site": on_site,
        "headcount": sorted(headcount.items(), key=lambda kv: (kv[0] is None, kv[0] or "")),
        "unassigned_cards": unassigned,
    }


def day_rows(site: Site, day, sheet):
    """The day's sheet as the rows of its CSV, header first."""
    yield ["現場ID", "日付", "技能者ID", "氏名", "所属事業者", "入場", "退場"]
    for r in sheet["records"]:
        yield [
            site.site_id,
            day.isoformat(),
            r.worker.worker_id or "",
            r.worker.full_name,
            r.company.name if r.company_id else "",
            r.first_in.strftime("%H:%M") if r.first_in else "",
            r.last_out.strftime("%H:%M") if r.last_out else "",
        ]
