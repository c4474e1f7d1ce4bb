"""Durable job rows: every long job (imports, site documents, company exports, periodic runs) is a Job with
its state, progress, heartbeat and attempts. A run holds the job by its attempt number (the token): the
heartbeat, progress and the final state change all say "only if I still hold it", so a run that was
presumed dead and replaced can never finish the job a second time. A periodic run is a Job keyed by task
and period, so the unique key is the lock that makes it run once however many consumers scheduled it."""

import datetime as dt

from peewee import CharField, DateTimeField, IntegerField, IntegrityError

from extensions import db
from models.core.base import BaseModel
from models.core.clock import utcnow

QUEUED, RUNNING, DONE, FAILED = "queued", "running", "done", "failed"
STATES = (QUEUED, RUNNING, DONE, FAILED)
MAX_ATTEMPTS = 3
# Error codes a failed job shows (blueprints/shared/jobs.py words them): its runs kept dying, or it raised.
INTERRUPTED, CRASHED = "interrupted", "crashed"
KEEP_PERIODIC_DAYS = 2  # a finished periodic run's row (its lock) is needed within its period only


class JobLost(Exception):
    """This run no longer holds its job (presumed dead and handed to another run): roll back its work."""


class Job(BaseModel):
    kind = CharField(index=True)  # bulk_import, site_document, company_export, or a periodic task's name
    key = CharField(null=True, unique=True)  # periodic runs: "<task>:<period>"; the lock of the run
    company = IntegerField(null=True, index=True)  # the tenant it belongs to (no foreign key: core is below accounts)
    state = CharField(default=QUEUED, index=True)
    progress = IntegerField(default=0)  # percent
    attempts = IntegerField(default=0)  # also the token of the run holding it
    max_attempts = IntegerField(default=MAX_ATTEMPTS)
    heartbeat_at = DateTimeField(default=utcnow)  # last sign of life of its run (or of its queueing)
    error = CharField(default="")  # INTERRUPTED / CRASHED when failed
    detail = CharField(default="")  # the exception's class and message, for staff
    started_at = DateTimeField(null=True)
    finished_at = DateTimeField(null=True)

    @property
    def finished(self):
        return self.state in (DONE, FAILED)

    @property
    def failed(self):
        return self.state == FAILED


def create(kind, company=None):
    return Job.create(kind=kind, company=getattr(company, "id", company))


def claim(job_id, stale_seconds):
    """Takes a queued job, or a running one whose run stopped beating, for a new run. Returns the token
    (attempt number), or None when the job is done, failed or held by a live run."""
    now = utcnow()
    cutoff = now - dt.timedelta(seconds=stale_seconds)
    claimable = (Job.id == job_id) & ((Job.state == QUEUED) | ((Job.state == RUNNING) & (Job.heartbeat_at < cutoff)))
    with db.atomic():
        taken = (
            Job.update(state=RUNNING, attempts=Job.attempts + 1, heartbeat_at=now, started_at=now, error="")
            .where(claimable & (Job.attempts < Job.max_attempts))
            .execute()
        )
        if not taken:
            # Out of attempts: a run died every time.
            Job.update(state=FAILED, error=INTERRUPTED, finished_at=now).where(claimable).execute()
            return None
        return Job.select(Job.attempts).where(Job.id == job_id).scalar()


def _held(job_id, token):
    return (Job.id == job_id) & (Job.attempts == token) & (Job.state == RUNNING)


def beat(job_id, token, progress=None):
    """Heartbeat (and progress, in percent) of the run holding the job; False when it no longer does."""
    fields = {"heartbeat_at": utcnow()}
    if progress is not None:
        fields["progress"] = max(0, min(100, int(progress)))
    return bool(Job.update(**fields).where(_held(job_id, token)).execute())


def complete(job_id, token):
    """Marks the job done; call it inside the transaction that writes the job's result, which then
    rolls back (JobLost) if another run took the job over meanwhile."""
    if not Job.update(state=DONE, progress=100, finished_at=utcnow()).where(_held(job_id, token)).execute():
        raise JobLost(job_id)


def crashed(job_id, token, exc):
    """A run raised: queued for another attempt, or failed once it has had them all."""
    detail = f"{type(exc).__name__}: {exc}"[:250]
    now = utcnow()
    held = _held(job_id, token)
    Job.update(state=FAILED, error=CRASHED, detail=detail, finished_at=now).where(
        held & (Job.attempts >= Job.max_attempts)
    ).execute()
    return bool(Job.update(state=QUEUED, detail=detail, heartbeat_at=now).where(held).execute())


def release(job_id):
    """A consumer stopping hands back the job it could not finish: queued again at once."""
    return bool(
        Job.update(state=QUEUED, heartbeat_at=utcnow()).where((Job.id == job_id) & (Job.state == RUNNING)).execute()
    )


def retry(job_id):
    """A failed job asked for again (its retry button): a fresh set of attempts. True when it was failed."""
    return bool(
        Job.update(state=QUEUED, attempts=0, error="", detail="", progress=0, heartbeat_at=utcnow(), finished_at=None)
        .where((Job.id == job_id) & (Job.state == FAILED))
        .execute()
    )


def stale(stale_seconds):
    """(id, kind) of jobs nobody is working on: running without a heartbeat for `stale_seconds`, or
    queued that long (their task was lost). Each is touched so that one sweep hands it out once."""
    now = utcnow()
    cutoff = now - dt.timedelta(seconds=stale_seconds)
    found = []
    for job in Job.select(Job.id, Job.kind, Job.state).where(
        Job.state.in_((QUEUED, RUNNING)) & (Job.heartbeat_at < cutoff)
    ):
        # Running ones stay running (claim takes them by their old heartbeat); queued ones get a fresh one.
        if (
            job.state == RUNNING
            or Job.update(heartbeat_at=now)
            .where((Job.id == job.id) & (Job.state == QUEUED) & (Job.heartbeat_at < cutoff))
            .execute()
        ):
            found.append((job.id, job.kind))
    return found


def claim_period(task, period):
    """The job row of `task`'s run for `period`, created by the first consumer to ask; None for the others."""
    try:
        with db.atomic():
            return Job.create(kind=task, key=f"{task}:{period.isoformat()}")
    except IntegrityError:
        return None


def prune_periodic(now=None):
    """Finished periodic runs older than a week (their lock is no longer needed)."""
    cutoff = (now or utcnow()) - dt.timedelta(days=KEEP_PERIODIC_DAYS)
    return (
        Job.delete().where(Job.key.is_null(False) & Job.state.in_((DONE, FAILED)) & (Job.created_at < cutoff)).execute()
    )


def listing(state=None, finished_periodic=False):
    """Jobs for staff, newest first: all of one state, or else every job but the periodic runs that
    finished well (one a minute for the mail retry) unless `finished_periodic`."""
    query = Job.select().order_by(Job.id.desc())
    if state in STATES:
        return query.where(Job.state == state)
    return query if finished_periodic else query.where(Job.key.is_null() | (Job.state != DONE))
