"""Nightly level evaluation (能力評価): re-evaluates every worker and tells each once of a rise."""

from huey import crontab

from extensions import db, huey
from models.clock import today
from models.levels import evaluate_all
from models.notices import NoticeLog, worker_contact
from models.workers import Worker
from tasks.mail import send_mail
from tasks.urls import external_url


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
                send_mail(
                    email,
                    "level_rise",
                    lang=lang,
                    name=worker.full_name,
                    trade=trade,
                    level=level,
                    url=external_url("worker.level"),
                )
                told += 1
    return told


@huey.periodic_task(crontab(minute="0", hour="18"))  # 03:00 JST
def nightly_level_evaluation():
    evaluate_and_notify()
