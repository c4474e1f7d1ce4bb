"""What the reliability tests share: the environment of a throw-away stack in a folder (SQLite, SqliteHuey,
short job timings), the scenario process that sets data up, and waiting for a condition."""

import json
import os
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _environ(folder):
    environ = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "DATABASE_URL", "TEST_DATABASE_URL")}
    # On SQLite a run's final write transaction holds the heartbeat back: stale only well after that.
    environ.update(
        CAREERUP_INSTANCE=str(folder),
        DATABASE_URL=f"sqlite:///{folder / 'app.db'}",
        JOB_STALE_SECONDS="8",
        JOB_HEARTBEAT_SECONDS="1",
    )
    return environ


def scenario(environ, *args):
    out = subprocess.run(
        [sys.executable, str(ROOT / "tests/reliability/scenario.py"), *map(str, args)],
        env=environ,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode == 0, out.stderr[-3000:]
    return json.loads(out.stdout.strip().splitlines()[-1])


def wait_for(check, timeout, step=0.05):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if value := check():
            return value
        time.sleep(step)
    raise AssertionError("timed out")


BIN = Path(sys.executable).parent


class Consumer:
    def __init__(self, environ, name, workers=1, poll=()):
        self.log = Path(environ["CAREERUP_INSTANCE"]) / f"{name}.log"
        self.proc = subprocess.Popen(
            [str(BIN / "huey_consumer"), "worker.huey", "-w", str(workers), "-k", "thread"]
            + ["--graceful-signal", "TERM", "--shutdown-timeout", "1", *poll],
            env=environ,
            cwd=ROOT,
            stdout=self.log.open("w"),
            stderr=subprocess.STDOUT,
        )

    def stop(self, sig):
        self.proc.send_signal(sig)
        self.proc.wait(timeout=20)

    def ready(self):
        return "+ tasks.touches.promote_unassigned_touches" in self.log.read_text()  # the end of its task list

    def executed(self, task):
        return sum(f"{task}:" in line and "executed in" in line for line in self.log.read_text().splitlines())


def job_row(environ, job_id):
    conn = sqlite3.connect(environ["DATABASE_URL"].removeprefix("sqlite:///"), timeout=5)
    try:
        return conn.execute("SELECT state, progress, attempts FROM job WHERE id = ?", (job_id,)).fetchone()
    finally:
        conn.close()


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port
