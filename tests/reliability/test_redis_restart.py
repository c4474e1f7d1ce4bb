"""A throw-away Redis (no persistence) restarted while a RedisHuey consumer runs a bulk import and another
import waits in the queue: the running one still finishes, the queued one's lost message is made good by
the next consumer's sweep, and each import's rows are written once."""

import shutil
import signal
import socket
import subprocess

import pytest
from redis import Redis

from tests.reliability.procs import Consumer, free_port, job_row, scenario, wait_for

ROWS = 1500

pytestmark = [
    pytest.mark.reliability,
    pytest.mark.skipif(shutil.which("redis-server") is None, reason="needs redis-server"),
]


def _redis(port, folder):
    proc = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
        + ["--dir", str(folder)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    wait_for(lambda: _answers(port), 10)
    return proc


def _answers(port):
    try:
        socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
        return True
    except OSError:
        return False


def test_a_redis_restart_loses_no_import(env, tmp_path):
    port = free_port()
    env = {**env, "REDIS_URL": f"redis://127.0.0.1:{port}/0"}
    redis = _redis(port, tmp_path)
    first = second = None
    try:
        running = scenario(env, "import", ROWS, "走行")["job"]
        waiting = scenario(env, "import", ROWS, "待機")["job"]  # queued behind it: one worker thread
        first = Consumer(env, "first")
        wait_for(lambda: job_row(env, running)[0] == "running", 40)
        redis.kill()  # no persistence: the queue, with the message for `waiting`, is gone
        redis.wait(timeout=10)
        redis = _redis(port, tmp_path)
        assert Redis(port=port).dbsize() == 0 and job_row(env, waiting)[0] == "queued"
        wait_for(lambda: job_row(env, running)[0] == "done", 45, step=0.2)  # the consumer rode it out
        first.stop(signal.SIGTERM)
        second = Consumer(env, "second")  # the next consumer's sweep finds the job whose task was lost
        wait_for(lambda: job_row(env, waiting)[0] == "done", 45, step=0.2)
        second.stop(signal.SIGTERM)
    finally:
        for consumer in (first, second):
            if consumer and consumer.proc.poll() is None:
                consumer.proc.kill()
        redis.kill()
    for job in (running, waiting):
        result = scenario(env, "state", job)
        assert result["state"] == "done" and result["filings"] == result["accepted"] == ROWS
    assert result["workers"] == result["distinct_workers"] == 2 * ROWS  # none doubled across the two
