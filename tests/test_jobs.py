"""Durable jobs in one process (huey immediate): a run holds its job by token, a dead run's job is handed
out again by the sweep and fails after its attempts with a message and a retry button, the polling page
stops with 286, and a periodic task runs once per period however often it is scheduled. The same with
real consumer processes is in tests/reliability/."""

import datetime as dt

import pytest
from huey import crontab

from models import Job, ProxyFiling
from models.core import jobs
from models.core.clock import utcnow
from models.registration.bulk.imports import start_import
from tasks.jobs import last_period, sweep_jobs
from tasks.levels import nightly_level_evaluation
from tests import factories as f
from tests.bulk_books import person, template_with, to_bytes

HX = {"HX-Request": "true"}


@pytest.fixture
def clerk(app):
    company, admin = f.company(name="代行建設株式会社")
    client = app.test_client()
    f.login(client, admin)
    return client, company, admin


def _age(job_id, seconds):
    Job.update(heartbeat_at=utcnow() - dt.timedelta(seconds=seconds)).where(Job.id == job_id).execute()


def test_a_run_holds_its_job_by_token_and_a_replaced_run_cannot_finish_it(app):
    job = jobs.create("bulk_import")
    first = jobs.claim(job.id, 60)
    assert first == 1 and jobs.claim(job.id, 60) is None  # a live run holds it
    _age(job.id, 120)
    second = jobs.claim(job.id, 60)  # the first run stopped beating: taken over
    assert second == 2
    assert not jobs.beat(job.id, first, 50)
    with pytest.raises(jobs.JobLost):
        jobs.complete(job.id, first)
    jobs.complete(job.id, second)
    assert Job.get_by_id(job.id).state == "done"


def test_a_job_whose_runs_keep_dying_fails_after_its_attempts(app):
    job = jobs.create("bulk_import")
    for attempt in range(1, jobs.MAX_ATTEMPTS + 1):
        assert jobs.claim(job.id, 60) == attempt
        _age(job.id, 120)
    assert jobs.claim(job.id, 60) is None
    job = Job.get_by_id(job.id)
    assert (job.state, job.error) == ("failed", "interrupted")
    assert jobs.retry(job.id) and Job.get_by_id(job.id).attempts == 0


def _queued_upload(company, admin):
    """An upload whose task never ran (lost, or its consumer died): the job row only."""
    bulk = start_import(company, admin, "crew.xlsx", to_bytes(template_with([person(1), person(2)])))
    return bulk, f"/company/bulk/{bulk.id}"


def test_the_sweep_finishes_an_import_whose_consumer_died(app, clerk):
    client, company, admin = clerk
    bulk, url = _queued_upload(company, admin)
    assert jobs.claim(bulk.job_id, 60) == 1 and ProxyFiling.select().count() == 0  # taken, then the consumer died
    page = client.get(url, headers=HX)
    assert page.status_code == 200 and 'hx-trigger="every 1s"' in page.text and "<progress" in page.text
    _age(bulk.job_id, 120)
    with app.app_context():
        sweep_jobs.call_local()
    assert ProxyFiling.select().count() == 2
    page = client.get(url, headers=HX)
    assert page.status_code == 286 and "2人を代行申請の下書きにしました" in page.text and "hx-trigger" not in page.text


def test_a_failed_import_says_so_stops_polling_and_retries(app, clerk):
    client, company, admin = clerk
    bulk, url = _queued_upload(company, admin)
    Job.update(state="failed", error="interrupted", attempts=3).where(Job.id == bulk.job_id).execute()
    page = client.get(url, headers=HX)
    assert page.status_code == 286 and "3回とも途中で止まった" in page.text and 'data-testid="job-retry"' in page.text
    english = client.get(url + "?lang=en", headers={**HX, "Accept-Language": "en"})
    assert english.status_code == 286
    r = client.post(f"/company/bulk/{bulk.id}/retry")
    assert r.status_code == 302 and ProxyFiling.select().count() == 2
    assert Job.get_by_id(bulk.job_id).state == "done"


def test_a_periodic_task_runs_once_per_period_however_often_it_is_scheduled(app):
    with app.app_context():
        nightly_level_evaluation()
        nightly_level_evaluation()
    runs = list(Job.select().where(Job.kind == "nightly_level_evaluation"))
    assert len(runs) == 1 and runs[0].state == "done" and runs[0].key.startswith("nightly_level_evaluation:")


def test_the_period_is_the_last_scheduled_moment():
    daily = crontab(minute="0", hour="18")
    assert last_period(daily, dt.datetime(2026, 12, 8, 17, 59, 30)) == dt.datetime(2026, 12, 7, 18, 0)
    assert last_period(daily, dt.datetime(2026, 12, 8, 18, 0, 59)) == dt.datetime(2026, 12, 8, 18, 0)
    assert last_period(crontab(minute="*"), dt.datetime(2026, 12, 8, 1, 2, 3)) == dt.datetime(2026, 12, 8, 1, 2)


def test_every_periodic_task_is_a_once_per_period_job():
    """A periodic task added with plain @huey.periodic_task would run once per consumer."""
    import tasks  # noqa: F401  (registers every task)
    from extensions import huey
    from tasks.jobs import RUNNERS

    periodic = {type(task).__name__ for task in huey._registry.periodic_tasks}
    assert periodic - set(RUNNERS) == {"sweep_jobs"}  # the sweep only hands out jobs: harmless twice
    assert {"nightly_level_evaluation", "monthly_site_usage_invoices", "admin_fees_daily"} <= periodic
