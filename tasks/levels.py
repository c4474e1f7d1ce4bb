"""Nightly level evaluation (能力評価): re-evaluates every worker and tells each once of a rise."""

from huey import crontab

from extensions import db
from models.accounts.notices import NoticeLog, worker_contact
from models.accounts.workers import Worker
from models.core.clock import today
from models.history.levels import evaluate_all
from tasks import notices
from tasks.jobs import periodic_job


def evaluate_and_notify(day=None):
    """Returns how many workers were told; a rise is told once per worker, trade and level."""
    day = day or today()
    told = 0
    for worker_id, trade, _old, level in evaluate_all():
        worker = Worker.get_by_id(worker_id)
        email, lang = worker_contact(worker)
        if not email:
            continue
        with db.atomic():
            if NoticeLog.claim("level_rise", f"level:{worker_id}:{trade}:{level}", worker.account, day):
                notices.level_rise(worker_id, trade, level)
                told += 1
    return told


@periodic_job(crontab(minute="0", hour="18"))  # 03:00 JST
def nightly_level_evaluation():
    evaluate_and_notify()
