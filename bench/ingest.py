"""Ingestion speed: touches over HTTP (gunicorn, 2 workers, loopback) against a raw insert_many of the
same rows into a table of the work record's shape, in the same run.

    python bench/ingest.py              # SQLite file in a temp folder
    python bench/ingest.py --pg         # PostgreSQL (BENCH_PG_URL, default the card helper's test_card db)

Prints touches_per_s, raw_insert_per_s, ratio_to_raw_insert (target >= 0.3), statements_per_batch,
errors_4_readers (4 concurrent readers for --readers-seconds; target 0), peak_rss_mb (gunicorn workers).
Defaults: 100,000 touches (the issue asks 200,000: pass --touches 200000; halved to keep the default run
to a few minutes on a 2-core machine) over 2,000 workers on 40 companies, built through the models."""

import argparse
import datetime as dt
import http.client
import json
import logging
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TMP = Path(tempfile.mkdtemp(prefix="careerup-bench-"))
os.environ.setdefault("CAREERUP_INSTANCE", str(TMP / "instance"))


def options():
    p = argparse.ArgumentParser()
    p.add_argument("--touches", type=int, default=100_000)  # the issue says 200,000: ~6 min on this 2-core box
    p.add_argument("--workers", type=int, default=2_000)
    p.add_argument("--companies", type=int, default=40)
    p.add_argument("--batch", type=int, default=1_000)
    p.add_argument("--posters", type=int, default=2, help="concurrent HTTP clients for the main run")
    p.add_argument("--readers-seconds", type=float, default=30.0)
    p.add_argument("--pg", action="store_true")
    return p.parse_args()


def build(args, url):
    """Companies, approved workers with enrolled cards, one prime site with every worker on its roster,
    five readers. Returns (site, serials, reader tokens)."""
    from app import create_app
    from extensions import db
    from factory.cli import router
    from models import Company, Site, SiteContract, Worker
    from models.accounts.workers import Affiliation
    from models.cards.cards import Card
    from models.core.ids import issue_id
    from models.sites.readers import CardReader
    from models.sites.sites import RosterEntry

    app = create_app({"DATABASE_URL": url, "SECRET_KEY": "bench"})
    with app.app_context():
        if url.startswith("postgres"):
            db.execute_sql("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")
        router().run()
        base = {"entity_type": "corporation", "representative_name": "代表", "address": "東京都", "phone": "03"}
        with db.atomic():
            prime = Company.create(name="元請建設", business_id=issue_id("company"), **base)
            site = Site.open(prime, name="ベンチ現場")
            companies = []
            for n in range(args.companies):
                company = Company.create(name=f"協力会社{n}", business_id=issue_id("company"), **base)
                SiteContract.create(site=site, company=company, parent=prime, tier=1, status="accepted")
                companies.append(company)
            rows = [
                {
                    "worker_id": issue_id("worker"),
                    "family_name": "技能",
                    "given_name": f"{n}",
                    "birth_date": dt.date(1980, 1, 1),
                    "gender": "1",
                    "address": "東京都",
                    "phone": "090",
                    "main_trade": "0201",
                    "status": "approved",
                }
                for n in range(args.workers)
            ]
            for start in range(0, len(rows), 500):
                Worker.insert_many(rows[start : start + 500]).execute()
            workers = list(Worker.select(Worker.id).order_by(Worker.id))
            today = dt.date.today()
            serials = [f"01{w.id:014X}" for w in workers]
            card_rows, aff_rows, roster_rows = [], [], []
            for k, w in enumerate(workers):
                company = companies[k % len(companies)]
                card_rows.append(
                    {"worker": w.id, "idm": serials[k], "serial_source": "generated", "issued_on": today}
                    | {"valid_until": today.replace(year=today.year + 5)}
                )
                aff_rows.append({"worker": w.id, "company": company.id, "is_main": True})
                roster_rows.append(
                    {"site": site.id, "company": company.id, "worker": w.id, "position": "3", "trade": "0201"}
                )
            for table, data in ((Card, card_rows), (Affiliation, aff_rows), (RosterEntry, roster_rows)):
                for start in range(0, len(data), 500):
                    table.insert_many(data[start : start + 500]).execute()
            tokens = [CardReader.register(site, f"ゲート{n}")[1] for n in range(5)]
        site_no = site.site_id
    db.close()
    return app, site_no, serials, tokens


def touch_rows(args, serials):
    """(serial, direction, JST wall time) spread over the days that are still before the deadline."""
    now = dt.datetime.now(dt.timezone(dt.timedelta(hours=9))).replace(microsecond=0)
    first_allowed = (now.date().replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    days = max(1, min(50, (now.date() - first_allowed).days))
    rows = []
    per_worker = max(1, args.touches // len(serials))
    for k in range(args.touches):
        worker = k % len(serials)
        nth = k // len(serials)
        day = now.date() - dt.timedelta(days=1 + (nth // 2) % days)
        hour = 8 if nth % 2 == 0 else 17
        moment = dt.datetime.combine(day, dt.time(hour, (worker + nth // (2 * days)) % 60), tzinfo=now.tzinfo)
        rows.append((serials[worker], "in" if hour == 8 else "out", moment))
    assert per_worker
    return rows


def payloads(rows, batch, prefix):
    for start in range(0, len(rows), batch):
        items = [
            {"event_id": f"{prefix}{start + i}", "card": s, "direction": d, "at": m.isoformat()}
            for i, (s, d, m) in enumerate(rows[start : start + batch])
        ]
        yield json.dumps({"touches": items}).encode()


def post(port, token, body):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    try:
        conn.request(
            "POST", "/api/v1/touches", body, {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
        )
        response = conn.getresponse()
        data = response.read()
        return response.status, data
    finally:
        conn.close()


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def start_gunicorn(url, port):
    env = {**os.environ, "DATABASE_URL": url, "SECRET_KEY": "bench", "CAREERUP_INSTANCE": str(TMP / "instance")}
    gunicorn = str(Path(sys.executable).parent / "gunicorn")
    proc = subprocess.Popen(
        [gunicorn, "-w", "2", "-b", f"127.0.0.1:{port}", "--timeout", "120", "app:create_app()"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return proc
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("gunicorn did not start")


def peak_rss_mb(master_pid):
    pids = [master_pid]
    children = Path(f"/proc/{master_pid}/task/{master_pid}/children")
    if children.exists():
        pids += [int(p) for p in children.read_text().split()]
    peak = 0
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    peak = max(peak, int(line.split()[1]))
        except OSError:
            pass
    return peak / 1024


def run_posters(port, token, bodies, posters):
    bodies = list(bodies)
    errors = []
    lock = threading.Lock()

    def worker():
        while True:
            with lock:
                if not bodies:
                    return
                body = bodies.pop(0)
            status, data = post(port, token, body)
            if status != 200:
                errors.append((status, data[:200]))

    threads = [threading.Thread(target=worker) for _ in range(posters)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return errors


def raw_insert(app, rows):
    """insert_many of the same rows into a table shaped like work_record, 1,000 per transaction."""
    from peewee import CharField, DateField, DateTimeField, IntegerField, Model

    from extensions import db

    class RawRecord(Model):
        worker = IntegerField()
        site = IntegerField()
        company = IntegerField(null=True)
        work_date = DateField()
        trade = CharField()
        position = CharField()
        first_in = DateTimeField(null=True)
        last_out = DateTimeField(null=True)
        source = CharField()
        created_at = DateTimeField()

        class Meta:
            database = db
            table_name = "bench_raw_record"

    with app.app_context():
        db.drop_tables([RawRecord])
        db.create_tables([RawRecord])
        data = [
            {
                "worker": k % 2000,
                "site": 1,
                "company": k % 40,
                "work_date": m.date(),
                "trade": "0201",
                "position": "3",
                "first_in": m.replace(tzinfo=None) if d == "in" else None,
                "last_out": m.replace(tzinfo=None) if d == "out" else None,
                "source": "card",
                "created_at": dt.datetime.now(),
            }
            for k, (_s, d, m) in enumerate(rows)
        ]
        start = time.perf_counter()
        for i in range(0, len(data), 1000):
            with db.atomic():
                RawRecord.insert_many(data[i : i + 1000]).execute()
        elapsed = time.perf_counter() - start
        db.drop_tables([RawRecord])
    db.close()
    return len(rows) / elapsed


class Counter(logging.Handler):
    def __init__(self):
        super().__init__(logging.DEBUG)
        self.count = 0

    def emit(self, record):
        self.count += 1


def statements_per_batch(app, token, rows, batch):
    """SQL statements one batch of fresh touches takes, counted in-process through the real view."""
    body = next(payloads(rows[:batch], batch, "count-" + uuid.uuid4().hex[:6] + "-"))
    logger = logging.getLogger("peewee")
    counter = Counter()
    logger.addHandler(counter)
    logger.setLevel(logging.DEBUG)
    try:
        response = app.test_client().post(
            "/api/v1/touches",
            data=body,
            headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
        )
    finally:
        logger.removeHandler(counter)
    assert response.status_code == 200, response.data[:200]
    return counter.count


def readers_for(port, tokens, serials, seconds):
    """Four readers posting batches of 100 at once for `seconds`; counts failed requests."""
    errors = []
    stop_at = time.monotonic() + seconds
    now = dt.datetime.now(dt.timezone(dt.timedelta(hours=9))).replace(microsecond=0) - dt.timedelta(minutes=1)

    def reader(n, token):
        k = 0
        while time.monotonic() < stop_at:
            items = [
                {
                    "event_id": f"r{n}-{k}-{i}",
                    "card": serials[(k * 100 + i) % len(serials)],
                    "direction": "in",
                    "at": now.isoformat(),
                }
                for i in range(100)
            ]
            try:
                status, _data = post(port, token, json.dumps({"touches": items}).encode())
                if status != 200:
                    errors.append(status)
            except OSError as exc:
                errors.append(str(exc))
            k += 1

    threads = [threading.Thread(target=reader, args=(n, t)) for n, t in enumerate(tokens[:4])]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return len(errors)


def main():
    args = options()
    url = (
        os.environ.get("BENCH_PG_URL", "postgresql://postgres@127.0.0.1:5432/test_card")
        if args.pg
        else f"sqlite:///{TMP / 'bench.db'}"
    )
    app, _site_no, serials, tokens = build(args, url)
    rows = touch_rows(args, serials)
    port = free_port()
    server = start_gunicorn(url, port)
    try:
        bodies = list(payloads(rows, args.batch, "e"))
        start = time.perf_counter()
        errors = run_posters(port, tokens[4], bodies, args.posters)
        elapsed = time.perf_counter() - start
        if errors:
            print(f"# {len(errors)} batches failed, first: {errors[0]}", file=sys.stderr)
        touches_per_s = len(rows) / elapsed
        reader_errors = readers_for(port, tokens, serials, args.readers_seconds)
        rss = peak_rss_mb(server.pid)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(30)
    statements = statements_per_batch(app, tokens[4], touch_rows(args, serials)[: args.batch], args.batch)
    raw_per_s = raw_insert(app, rows)
    print(f"touches_per_s: {touches_per_s:.0f}")
    print(f"raw_insert_per_s: {raw_per_s:.0f}")
    print(f"ratio_to_raw_insert: {touches_per_s / raw_per_s:.3f}")
    print(f"statements_per_batch: {statements}")
    print(f"errors_4_readers: {reader_errors}")
    print(f"peak_rss_mb: {rss:.0f}")


if __name__ == "__main__":
    main()
