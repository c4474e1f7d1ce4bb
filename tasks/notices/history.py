"""Notices about a worker's history: a level raised by the nightly evaluation."""

from models.accounts.workers import Worker
from tasks.notices.recipients import to_worker
from tasks.urls import external_url


def level_rise(worker_id, trade, level):
    """能力評価: the nightly evaluation raised the worker's level in a trade."""
    worker = Worker.get_by_id(worker_id)
    return to_worker(worker, "level_rise", trade=trade, level=level, url=external_url("worker.level"))
