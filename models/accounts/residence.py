"""在留期間 reminders: foreign workers whose residence period ends within a reminder window and who
have not been told yet (the worker and their employers hear together, once per window and card)."""

import datetime as dt

from models.accounts.notices import NoticeLog
from models.accounts.workers import Worker

# Nearest window first, as for cards: a period 20 days from its end gets only the 30-day notice.
RESIDENCE_NOTICES = ((30, "residence_expiry_30"), (90, "residence_expiry_90"))


def residence_ref(worker):
    """A notice is about one 在留期間: a new card (a new 満了日) is reminded of afresh."""
    return f"worker:{worker.id}:{worker.residence_until.isoformat()}"


def workers_to_remind(today):
    """[(worker, kind, days_left)] for registered workers in a window whose notice is not sent yet."""
    horizon = today + dt.timedelta(days=max(days for days, _ in RESIDENCE_NOTICES))
    workers = (
        Worker.select()
        .where((Worker.status == "approved") & (Worker.residence_until >= today) & (Worker.residence_until <= horizon))
        .order_by(Worker.residence_until, Worker.id)
    )
    sent = {
        (kind, ref)
        for kind, ref in NoticeLog.select(NoticeLog.kind, NoticeLog.subject_ref)
        .where(NoticeLog.kind.in_([k for _d, k in RESIDENCE_NOTICES]) & NoticeLog.subject_ref.startswith("worker:"))
        .tuples()
    }
    for worker in workers:
        days_left = (worker.residence_until - today).days
        kind = next(k for days, k in RESIDENCE_NOTICES if days_left <= days)
        if (kind, residence_ref(worker)) not in sent:
            yield worker, kind, days_left
