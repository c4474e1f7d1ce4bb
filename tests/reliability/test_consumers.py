"""Real huey consumers (huey_consumer worker.huey, SqliteHuey and SQLite in a temp folder) stopped in the
middle of a job: SIGTERM past the grace period hands the job back, kill -9 leaves it to the next
consumer's sweep; either way a new consumer finishes it and every row is written once. Two consumers
given the same periodic run do it once."""

import signal
import sys
from pathlib import Path

import pytest

from tests.reliability.procs import Consumer, job_row, scenario, wait_for

pytestmark = pytest.mark.reliability
BIN = Path(sys.executable).parent
ROWS = 1500


def _stopped_mid_job(env, job_id, sig, started_at_progress):
    first = Consumer(env, "first")
    try:
        wait_for(lambda: job_row(env, job_id)[0] == "running" and job_row(env, job_id)[1] >= started_at_progress, 40)
        first.stop(sig)
    finally:
        if first.proc.poll() is None:
            first.proc.kill()
    state = job_row(env, job_id)
    # SIGTERM: the run finished within the grace period, or was handed back; kill -9: left to the sweep.
    assert state[0] in (("queued", "done") if sig == signal.SIGTERM else ("running",)), state
    if state[0] == "done":
        return scenario(env, "state", job_id)
    second = Consumer(env, "second")
    try:
        wait_for(lambda: job_row(env, job_id)[0] == "done", 45, step=0.2)
    finally:
        second.stop(signal.SIGTERM)
    return scenario(env, "state", job_id)


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGKILL], ids=["sigterm", "kill-9"])
def test_a_bulk_import_stopped_mid_run_is_finished_by_the_next_consumer_once(env, sig):
    job_id = scenario(env, "import", ROWS)["job"]
    result = _stopped_mid_job(env, job_id, sig, 10)
    assert result["state"] == "done" and result["attempts"] in ((2,) if sig == signal.SIGKILL else (1, 2))
    assert result["filings"] == result["accepted"] == ROWS  # none lost
    assert result["workers"] == result["distinct_workers"] == ROWS  # none doubled


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGKILL], ids=["sigterm", "kill-9"])
def test_a_site_document_stopped_mid_run_is_finished_by_the_next_consumer(env, sig):
    job_id = scenario(env, "document")["job"]
    result = _stopped_mid_job(env, job_id, sig, 10)
    assert result["state"] == "done" and result["attempts"] in ((2,) if sig == signal.SIGKILL else (1, 2))
    assert result["pdf"]


def test_two_consumers_given_the_same_periodic_run_do_it_once(env):
    fast = ("--delay", "0.05", "--max-delay", "0.1")  # both poll often, so the copies spread over them
    consumers = [Consumer(env, "a", workers=2, poll=fast), Consumer(env, "b", workers=2, poll=fast)]
    try:
        wait_for(lambda: all(c.ready() for c in consumers), 40, step=0.2)
        # What each consumer's scheduler does at the period's minute: enqueue the task, once per consumer.
        scenario(env, "enqueue", "nightly_level_evaluation", 8)
        wait_for(lambda: sum(c.executed("nightly_level_evaluation") for c in consumers) == 8, 40, step=0.2)
    finally:
        for c in consumers:
            c.stop(signal.SIGTERM)
    # Usually both consumers take copies; when one takes all eight its two threads still race for the run.
    assert sum(c.executed("nightly_level_evaluation") for c in consumers) == 8
    runs = scenario(env, "periodic", "nightly_level_evaluation")
    assert runs == {"rows": 1, "state": "done", "attempts": 1}  # the body ran once
