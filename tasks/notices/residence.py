"""Notices about a foreign worker's 在留期間: the reminders to the worker and to their employers."""

from models.accounts.workers import Worker
from models.core import codes
from tasks.notices.recipients import to_company_admins, to_worker
from tasks.urls import external_url


def residence_expiry(worker_id, days_left):
    """90 and 30 days before the 在留期間 ends: the worker (in their language) and the admins of each
    current employer (in theirs)."""
    worker = Worker.get_by_id(worker_id)
    facts = {
        "worker_id": worker.worker_id,
        "days_left": days_left,
        "until": worker.residence_until.strftime("%Y/%m/%d"),
    }
    to_worker(worker, "residence_expiry", url=external_url("worker.change_index"), **facts)
    for affiliation in worker.current_affiliations():
        to_company_admins(
            affiliation.company,
            "residence_expiry_employer",
            worker_name=worker.full_name,
            status=codes.label(codes.RESIDENCE_STATUSES, worker.residence_status),  # lazy: read in their language
            **facts,
        )
