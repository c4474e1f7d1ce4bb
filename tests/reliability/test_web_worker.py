"""A real gunicorn (2 workers, SQLite in a temp folder) whose workers are killed with -9 while readers post
touch batches: a reader resends a batch until it is answered (as the helper does), and afterwards every
acknowledged touch is stored exactly once and nothing unacknowledged was invented."""

import datetime as dt
import os
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import pytest
import requests

from tests.reliability.procs import ROOT, free_port, scenario

pytestmark = pytest.mark.reliability
BATCH = 100
JST = dt.timezone(dt.timedelta(hours=9))


def _workers(master):
    children = Path(f"/proc/{master}/task/{master}/children")
    return [int(p) for p in children.read_text().split()] if children.exists() else []


def _batch(serials, prefix):
    day = dt.datetime.now(JST).date() - dt.timedelta(days=1)
    return {
        "touches": [
            {
                "event_id": f"{prefix}-{k}",
                "card": serials[k % len(serials)],
                "direction": "in" if k < len(serials) else "out",
                "at": dt.datetime.combine(day, dt.time(7 + k // len(serials), k % 60), tzinfo=JST).isoformat(),
            }
            for k in range(BATCH)
        ]
    }


def test_every_acknowledged_touch_is_stored_once_when_web_workers_die(env):
    site = scenario(env, "touch-site", BATCH // 2)
    port = free_port()
    web = subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"), "-w", "2", "-b", f"127.0.0.1:{port}", "app:create_app()"],
        env={**env, "BASE_URL": f"http://127.0.0.1:{port}"},
        cwd=ROOT,
        stdout=(Path(env["CAREERUP_INSTANCE"]) / "web.log").open("w"),
        stderr=subprocess.STDOUT,
    )
    acknowledged, failures, stop = Counter(), Counter(), threading.Event()
    headers = {"Authorization": f"Bearer {site['token']}", "Connection": "close"}

    def reader(name):
        batch = 0
        while not stop.is_set():
            body = _batch(site["serials"], f"{name}{batch}")
            while True:  # resent until answered, like the helper's outbox
                try:
                    r = requests.post(f"http://127.0.0.1:{port}/api/v1/touches", json=body, headers=headers, timeout=30)
                    if r.status_code == 200:
                        break
                    failures[r.status_code] += 1
                except requests.RequestException as exc:
                    failures[type(exc).__name__] += 1
                time.sleep(0.1)
            results = r.json()["results"]
            assert all(item["status"] in ("created", "duplicate") for item in results), results[:3]
            acknowledged.update(item["event_id"] for item in results)
            batch += 1

    try:
        deadline = time.monotonic() + 40
        while time.monotonic() < deadline and len(_workers(web.pid)) < 2:
            time.sleep(0.2)
        threads = [threading.Thread(target=reader, args=(n,), daemon=True) for n in ("a", "b")]
        for t in threads:
            t.start()
        kills = 0
        while kills < 3 and time.monotonic() < deadline:
            time.sleep(1.5)
            pids = _workers(web.pid)
            if pids and sum(acknowledged.values()):
                os.kill(pids[0], signal.SIGKILL)  # mid-batch, with readers posting continuously
                kills += 1
        time.sleep(2)
        stop.set()
        for t in threads:
            t.join(timeout=40)
    finally:
        web.send_signal(signal.SIGTERM)
        web.wait(timeout=30)
    assert kills == 3, failures
    stored = Counter(scenario(env, "touches")["event_ids"])
    assert set(stored) == set(acknowledged)  # none lost, none invented
    assert max(stored.values()) == 1  # none doubled
