"""Running durable jobs (models/core/jobs.py) in huey. `job_task(kind)` makes a task that runs one Job row:
it claims the row, beats its heartbeat from a side thread while the work runs, and hands the work a
`Run` whose `complete()` belongs inside the work's final transaction. `periodic_job` runs a periodic
task once per period however many consumers scheduled it. `sweep_jobs` (every minute and when a
consumer starts) hands out jobs whose consumer died; a consumer stopping with work in flight hands it
back at once (SIGNAL_INTERRUPTED)."""

import datetime as dt
import functools
import logging
import threading

from flask import current_app
from huey import crontab, signals

from config import Config
from extensions import db, huey
from models.core import jobs
from models.core.clock import utcnow

log = logging.getLogger(__name__)
RUNNERS = {}  # kind → the huey task that runs a job of that kind


def _seconds(name):
    try:
        return int(current_app.config[name])
    except RuntimeError:  # outside a task's app context (a consumer starting): the environment's setting
        return int(getattr(Config, name))


def stale_seconds():
    return _seconds("JOB_STALE_SECONDS")


def heartbeat_seconds():
    return _seconds("JOB_HEARTBEAT_SECONDS")


class Run:
    """One run of a job: `progress(percent)` and `complete()` (in the final transaction) hold it by token."""

    def __init__(self, job_id, token):
        self.job_id, self.token = job_id, token

    def progress(self, percent):
        if not jobs.beat(self.job_id, self.token, percent):
            raise jobs.JobLost(self.job_id)

    def complete(self):
        jobs.complete(self.job_id, self.token)


def _beating(run, stop, every):
    """The heartbeat from a thread of its own, so that one long step (a big PDF) is not taken for a death."""
    try:
        while not stop.wait(every):
            try:
                if not jobs.beat(run.job_id, run.token):
                    return
            except Exception:  # the database is briefly busy or away: the next beat tries again
                log.warning("heartbeat of job %s failed", run.job_id, exc_info=True)
    finally:
        if not db.is_closed():
            db.close()


def run_job(job_id, work):
    """Claims job `job_id` and runs `work(run)`; nothing happens when another run holds it or it is done."""
    token = jobs.claim(job_id, stale_seconds())
    if token is None:
        return None
    run = Run(job_id, token)
    stop = threading.Event()
    beater = threading.Thread(target=_beating, args=(run, stop, heartbeat_seconds()), daemon=True)
    beater.start()
    try:
        return work(run)
    except jobs.JobLost:
        log.warning("job %s was taken over by another run; this run's work was rolled back", job_id)
        return None
    except Exception as exc:
        if jobs.crashed(job_id, token, exc):
            RUNNERS[jobs.Job.get_by_id(job_id).kind].schedule((job_id,), delay=heartbeat_seconds())
        raise
    finally:
        stop.set()
        beater.join()


def job_task(kind):
    """A huey task running one Job row of `kind` with `fn(job_id, run)`."""

    def decorate(fn):
        @huey.task(name=f"job.{kind}")
        @functools.wraps(fn)
        def task(job_id):
            return run_job(job_id, functools.partial(fn, job_id))

        RUNNERS[kind] = task
        return task

    return decorate


def start(job_id):
    """Queues the run of a new or retried job."""
    RUNNERS[jobs.Job.select(jobs.Job.kind).where(jobs.Job.id == job_id).scalar()](job_id)


def retry(job_id):
    """A failed job's retry button: True when it was failed and is queued again."""
    if not jobs.retry(job_id):
        return False
    start(job_id)
    return True


def last_period(validate, now):
    """The latest moment (to the minute) at or before `now` that the crontab `validate` matches."""
    moment = now.replace(second=0, microsecond=0)
    for _ in range(60 * 24 * 32):
        if validate(moment):
            return moment
        moment -= dt.timedelta(minutes=1)
    return now.replace(second=0, microsecond=0)


def periodic_job(cron):
    """A huey periodic task that runs `fn()` once per period of `cron` however many consumers run it: the
    first to create the Job keyed by task and period does it; if its consumer dies, the sweep resumes it."""

    def decorate(fn):
        name = fn.__name__

        @huey.task(name=f"job.{name}")
        def resume(job_id):
            return run_job(job_id, lambda run: _periodic_body(fn, run))

        RUNNERS[name] = resume

        @huey.periodic_task(cron, name=name)
        @functools.wraps(fn)
        def task():
            job = jobs.claim_period(name, last_period(cron, utcnow()))
            return None if job is None else resume.call_local(job.id)

        return task

    return decorate


def _periodic_body(fn, run):
    result = fn()
    with db.atomic():
        run.complete()
    return result


@huey.periodic_task(crontab(minute="*"))
def sweep_jobs():
    """Hands out every job whose consumer died or whose task was lost; prunes old periodic locks."""
    handed = 0
    for job_id, kind in jobs.stale(stale_seconds()):
        if kind in RUNNERS:
            RUNNERS[kind](job_id)
            handed += 1
    jobs.prune_periodic()
    return handed


@huey.on_startup()
def _sweep_when_a_consumer_starts():
    # A consumer killed with -9 left its jobs running: look now, and again once their heartbeat is stale.
    if not huey.immediate:
        sweep_jobs.call_local()
        sweep_jobs.schedule(delay=stale_seconds() + 1)


@huey.signal(signals.SIGNAL_INTERRUPTED)
def _hand_back(signal, task, *args, **kwargs):
    """The consumer is stopping (SIGTERM past the grace period) with this job in flight: queued again now,
    for the next consumer; its unfinished transaction dies with the process."""
    if not task.name.startswith("job.") or not task.args:
        return
    job_id = task.args[0]
    if jobs.release(job_id):
        RUNNERS[jobs.Job.get_by_id(job_id).kind](job_id)
