"""What the reliability tests share: the environment of a throw-away stack in a folder (SQLite, SqliteHuey,
short job timings), the scenario process that sets data up, and waiting for a condition."""

import json
import os
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
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def wait_for(check, timeout, step=0.05):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if value := check():
            return value
        time.sleep(step)
    raise AssertionError("timed out")
