"""Level evaluation and career page figures (issue 10), on a temp SQLite database.

    python bench/levels.py [--workers 100000] [--records-per-worker 20]

Prints level_eval_10y_ms (one worker, 10 years of records: the page's evaluation), career_page_p95_ms
(the worker's career page over HTTP through the app, 10 years of records) and nightly_100k_workers_s
(evaluate_all over every worker, as after a rule change), its CPU, nightly_peak_python_mb_all and _tenth
(Python's peak allocations for the whole register and a tenth of it: the batches bound it),
nightly_unchanged_s (the nightly run when nothing changed: it reads only marked workers) and
approval_queue_p95_ms (the prime's queue page with 1,000 pending entries).
"""

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TMP = Path(tempfile.mkdtemp(prefix="careerup-bench-"))
os.environ.setdefault("CAREERUP_INSTANCE", str(TMP / "instance"))

from app import create_app  # noqa: E402
from config import TestConfig  # noqa: E402
from extensions import db, huey  # noqa: E402
from factory.cli import router  # noqa: E402


class BenchConfig(TestConfig):
    DATABASE_URL = f"sqlite:///{TMP / 'bench.db'}"
    OUTBOX_DIR = str(TMP / "outbox")


def p95(samples):
    return statistics.quantiles(samples, n=20)[-1]


def ten_years(worker, site, start):
    from models.sites.records import WorkRecord

    days, day = [], start
    while len(days) < 2150:  # 10 years of 215 working days
        if day.weekday() < 5 and random.random() < 0.85:
            days.append(day)
        day += dt.timedelta(days=1)
    rows = [
        {
            "worker": worker.id,
            "site": site.id,
            "work_date": d,
            "trade": "0701" if i % 3 else "0201",
            "position": "1" if i % 7 == 0 else "3",
            "source": "card",
        }
        for i, d in enumerate(days)
    ]
    with db.atomic():
        for i in range(0, len(rows), 500):
            WorkRecord.insert_many(rows[i : i + 500]).execute()


RECORD_FIELDS = ("worker", "site", "work_date", "trade", "position", "source")


def _write_records(rows):
    """One multi-row insert of (worker, site, work_date, trade, position, source) tuples."""
    from models.sites.records import WorkRecord

    if rows:
        WorkRecord.insert_many(rows, fields=[getattr(WorkRecord, n) for n in RECORD_FIELDS]).execute()


def many_workers(count, per_worker, site):
    """`count` approved workers with `per_worker` records each, written with bulk inserts."""
    from models.accounts.workers import Qualification, Worker

    first = Worker.select(Worker.id).order_by(Worker.id.desc()).scalar() or 0
    trades = ["0101", "0201", "0301", "0701", "0601"]
    with db.atomic():
        for start in range(0, count, 2000):
            Worker.insert_many(
                [
                    {
                        "family_name": "試験",
                        "given_name": f"{n}",
                        "birth_date": dt.date(1985, 1, 1),
                        "gender": "1",
                        "address": "東京都",
                        "phone": "090",
                        "main_trade": trades[n % 5],
                        "status": "approved",
                        "worker_id": f"9{n:013d}",
                    }
                    for n in range(start, min(count, start + 2000))
                ]
            ).execute()
    ids = [first + 1 + n for n in range(count)]
    base = dt.date(2016, 4, 1)
    with db.atomic():
        batch = []
        for n, wid in enumerate(ids):
            offset = random.randrange(0, 3000)
            for k in range(per_worker):
                batch.append((wid, site.id, base + dt.timedelta(days=offset + k), trades[n % 5], "3", "card"))
            if len(batch) >= 20000:
                _write_records(batch)
                batch = []
        _write_records(batch)
        Qualification.insert_many(
            [{"worker": wid, "kind": "license", "name": "第二種電気工事士"} for wid in ids[::5]]
        ).execute()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--workers", type=int, default=100_000)
    parser.add_argument("--records-per-worker", type=int, default=20)
    args = parser.parse_args()
    random.seed(7)

    app = create_app(BenchConfig)
    huey.immediate = True
    with app.app_context():
        router().run()
        sys.path.insert(0, str(ROOT / "tests"))
        from models.history.levels import evaluate_all, progress, seed_rules
        from tests import factories

        seed_rules()
        data = factories.site_with_worker()
        worker, site = data["worker"], data["site"]
        ten_years(worker, site, dt.date(2015, 4, 1))

        samples = []
        for _ in range(60):
            t = time.perf_counter()
            progress(worker)
            samples.append((time.perf_counter() - t) * 1000)
        print(f"level_eval_10y_ms: {statistics.median(samples):.1f}")

    client = app.test_client()
    factories.login(client, data["account"])
    samples = []
    for _ in range(60):
        t = time.perf_counter()
        r = client.get("/worker/career")
        samples.append((time.perf_counter() - t) * 1000)
        assert r.status_code == 200
    print(f"career_page_p95_ms: {p95(samples):.1f}")

    with app.app_context():
        from models.history.work_entries import WorkEntry

        base = dt.date.today() - dt.timedelta(days=20)
        WorkEntry.insert_many(
            [
                {
                    "worker": worker.id,
                    "site": site.id,
                    "company": data["sub"].id,
                    "work_date": base + dt.timedelta(days=i % 20),
                    "trade": f"{i:04d}",
                    "position": "3",
                    "reason": "forgot_card",
                    "entered_by": data["account"].id,
                }
                for i in range(1000)
            ]
        ).execute()
    prime_client = app.test_client()
    factories.login(prime_client, data["prime_admin"])
    prime_client.post("/switch", data={"target": f"company:{data['prime'].id}"})
    samples = []
    for _ in range(40):
        t = time.perf_counter()
        r = prime_client.get("/prime/approvals")
        samples.append((time.perf_counter() - t) * 1000)
        assert r.status_code == 200 and "1000" in r.get_data(as_text=True)
    print(f"approval_queue_p95_ms: {p95(samples):.1f}")

    with app.app_context():
        from models.history.levels import LevelDirty, mark_all_changed

        many_workers(args.workers, args.records_per_worker, site)
        evaluate_all()  # the records just written marked their workers: the first run reads everyone
        mark_all_changed()  # as after a rule change: every approved worker again
        t, cpu = time.perf_counter(), time.process_time()
        evaluate_all()
        print(f"nightly_100k_workers_s: {time.perf_counter() - t:.1f}")
        print(f"nightly_100k_workers_cpu_s: {time.process_time() - cpu:.1f}")
        # Memory: Python allocations at the peak of a run, for the whole register and for a tenth of it.
        # Batches bound it: both peaks are about the same.
        for share, label in ((1, "all"), (10, "tenth")):
            mark_all_changed()
            if share > 1:
                LevelDirty.delete().where(LevelDirty.worker % share != 0).execute()
            tracemalloc.start()
            evaluate_all()
            peak = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
            print(f"nightly_peak_python_mb_{label}: {peak / 2**20:.1f}")
        # Nothing changed since: the nightly run reads nothing.
        t = time.perf_counter()
        evaluate_all()
        print(f"nightly_unchanged_s: {time.perf_counter() - t:.2f}")
        print(f"load_average_1min: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
