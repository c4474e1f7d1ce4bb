"""huey consumer entry point: `huey_consumer worker.huey -w 2 -k thread --graceful-signal TERM --shutdown-timeout 20`.
SIGTERM (a platform's restart or deploy) then stops taking work and lets running jobs finish for 20 s,
inside the usual 30 s grace; a job still running after that is handed back to the queue (tasks/jobs.py)
and any job whose consumer was killed outright is picked up by the next consumer's sweep."""

import threading

import tasks  # noqa: F401  (registers the tasks)
from app import create_app
from extensions import db, huey

app = create_app()
_local = threading.local()


@huey.pre_execute()
def _enter_app(task):
    # Each consumer thread runs its task inside an app context of its own.
    _local.ctx = app.app_context()
    _local.ctx.push()


@huey.post_execute()
def _leave_app(task, task_value, exc):
    if not db.is_closed():
        db.close()
    ctx = getattr(_local, "ctx", None)
    if ctx is not None:
        ctx.pop()
        _local.ctx = None
