"""Roster, tree, daily list and site documents at scale: `python bench/roster.py` from the repo root.

Builds, on a fresh SQLite file (or BENCH_DATABASE_URL), a site with 500 workers from 40 companies
over 3 tiers and 500 work records of one day, plus a second site where one company holds 500
workers on its roster; then times real requests through the app (logged in, as a browser would)
and counts the SQL queries of each request with a peewee query hook."""

import datetime as dt
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TMP = Path(tempfile.mkdtemp(prefix="careerup-bench-"))
os.environ.setdefault("CAREERUP_INSTANCE", str(TMP / "instance"))

from app import create_app  # noqa: E402
from config import TestConfig  # noqa: E402
from extensions import db, huey  # noqa: E402
from factory import web  # noqa: E402
from factory.cli import router  # noqa: E402
from models import Account, Affiliation, Application, Company, Membership, Site, SiteContract, Worker  # noqa: E402
from models.core.ids import issue_id  # noqa: E402
from models.sites.records import WorkRecord  # noqa: E402
from models.sites.sites import RosterEntry  # noqa: E402

RUNS = 30
DAY = dt.date(2026, 11, 20)
PASSWORD = "bench-password-1"


class Config(TestConfig):
    DATABASE_URL = os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{TMP / 'bench.db'}"
    OUTBOX_DIR = str(TMP / "outbox")


def company(name):
    return Company.create(
        business_id=issue_id("company"),
        status="approved",
        entity_type="corporation",
        name=name,
        representative_name="代表 一郎",
        address="東京都新宿区1-1",
        phone="03-1111-2222",
        health_insurance="1",
        pension="1",
        employment_insurance="1",
        registration_paid_on=dt.date(2026, 1, 5),  # a usable 事業者ID: fee paid (DOMAIN §4)
    )


def admin(comp, email):
    account = Account(email=email, display_name="管理 太郎", email_confirmed_at=dt.datetime(2026, 1, 1))
    account.set_password(PASSWORD)
    account.save()
    Membership.create(account=account, company=comp)
    return account


def workers(comp, n, prefix):
    rows = [
        {
            "worker_id": issue_id("worker"),
            "status": "approved",
            "family_name": prefix,
            "given_name": f"{i:03d}",
            "family_kana": "ベンチ",
            "given_kana": "タロウ",
            "birth_date": dt.date(1960 + i % 45, 1 + i % 12, 1 + i % 28),
            "gender": "1" if i % 7 else "2",
            "nationality": "日本" if i % 25 else "ベトナム",
            "address": "東京都新宿区1-1",
            "phone": "090-1111-2222",
            "main_trade": "0201",
            "created_at": dt.datetime(2026, 1, 1),
        }
        for i in range(n)
    ]
    Worker.insert_many(rows).execute()
    made = list(Worker.select().where(Worker.family_name == prefix).order_by(Worker.id))
    Affiliation.insert_many(
        [{"worker": w.id, "company": comp.id, "is_main": True, "created_at": dt.datetime(2026, 1, 1)} for w in made]
    ).execute()
    return made


def roster(site, comp, people):
    RosterEntry.insert_many(
        [
            {"site": site.id, "company": comp.id, "worker": w.id, "position": "3", "trade": "0201", "marks": "safety"}
            | {"created_at": dt.datetime(2026, 1, 1)}
            for w in people
        ]
    ).execute()


def national_scale(prime):
    """Issue 19's 10,000-worker points: a site where 10,000 workers of one company worked DAY and 20 days of
    October (the 建退共 calendar), and 100,000 applications behind the reviewer's queue."""
    comp = company("全国工業株式会社")
    site = Site.open(prime, name="一万人現場", accrual_starts_on=dt.date(2026, 10, 1))
    month = dt.date(2026, 10, 1)  # a closed month: its calendar is ready (from 10 November)
    SiteContract.invite(site, prime, comp, scope="全体").accept()
    crew = workers(comp, 10_000, "一万")
    rows = [
        {
            "worker": w.id,
            "site": site.id,
            "company": comp.id,
            "work_date": day,
            "trade": "0201",
            "position": "3",
            "first_in": dt.datetime.combine(day, dt.time(8, 0)),
            "last_out": dt.datetime.combine(day, dt.time(17, 0)),
            "created_at": dt.datetime(2026, 11, 20),
        }
        for w in crew
        for day in [DAY] + [month + dt.timedelta(days=d) for d in range(20)]
    ]
    for start in range(0, len(rows), 2000):
        WorkRecord.insert_many(rows[start : start + 2000]).execute()
    reviewer = Account.create(email="reviewer@bench.jp", display_name="審査 花子", password_hash="x", is_reviewer=True)
    reviewer.set_password(PASSWORD)
    reviewer.save()
    applicants = [{"worker": w.id, "kind": "worker", "applicant": reviewer.id} for w in crew]
    apps = [
        applicants[n % len(applicants)]
        | {
            "status": "submitted" if n % 10 == 0 else "approved",
            "submitted_at": dt.datetime(2026, 1, 1) + dt.timedelta(minutes=n),
        }
        for n in range(100_000)
    ]
    for start in range(0, len(apps), 2000):
        Application.insert_many(apps[start : start + 2000]).execute()
    return site, {"company": comp, "admin": admin(comp, "national@bench.jp"), "reviewer": reviewer}


def build():
    prime = company("元請建設株式会社")
    prime_admin = admin(prime, "prime@bench.jp")
    site = Site.open(prime, name="ベンチ現場", accrual_starts_on=dt.date(2026, 11, 1))
    tiers = {1: [], 2: [], 3: []}
    for i in range(40):
        tier = 1 if i < 5 else 2 if i < 20 else 3
        comp = company(f"下請{i:02d}株式会社")
        parent = prime if tier == 1 else tiers[tier - 1][i % len(tiers[tier - 1])]
        SiteContract.invite(site, parent, comp, scope=f"工事{i}").accept()
        tiers[tier].append(comp)
        crew = workers(comp, 13 if i < 20 else 12, f"作業{i:02d}")
        roster(site, comp, crew)
        WorkRecord.insert_many(
            [
                {
                    "worker": w.id,
                    "site": site.id,
                    "company": comp.id,
                    "work_date": DAY,
                    "trade": "0201",
                    "position": "3",
                    "first_in": dt.datetime(2026, 11, 20, 8, 0),
                    "last_out": dt.datetime(2026, 11, 20, 17, 0),
                    "created_at": dt.datetime(2026, 11, 20),
                }
                for w in crew
            ]
        ).execute()
    big = company("大手工業株式会社")
    big_admin = admin(big, "big@bench.jp")
    site2 = Site.open(prime, name="名簿500人現場", accrual_starts_on=dt.date(2026, 11, 1))
    contract2 = SiteContract.invite(site2, prime, big, scope="躯体")
    contract2.accept()
    crew = workers(big, 500 + RUNS, "大手")
    roster(site2, big, crew[:500])
    site3, national = national_scale(prime)
    return {
        "site3": site3,
        "national": national,
        "site": site,
        "site2": site2,
        "contract2": contract2,
        "spare": crew[500:],
        "prime_admin": prime_admin,
        "big_admin": big_admin,
        "big": big,
        "prime": prime,
    }


class Counter:
    def __init__(self):
        self.n = 0

    def __call__(self, event):
        self.n += 1


def login(app, account, company):
    client = app.test_client()
    client.post("/login", data={"email": account.email, "password": PASSWORD})
    client.post("/switch", data={"target": f"company:{company.id}"})
    return client


CPU = {}  # figure name → CPU seconds of each sample: on a shared machine wall time mostly measures the others


def timed(counter, fn, name=None):
    counter.n = 0
    start, cpu = time.perf_counter(), time.process_time()
    response = fn()
    elapsed = time.perf_counter() - start
    if name:
        CPU.setdefault(name, []).append(time.process_time() - cpu)
    assert response.status_code == 200, (response.status_code, response.get_data(as_text=True)[:500])
    return elapsed, counter.n


def p95(samples):
    return statistics.quantiles(samples, n=20)[-1] * 1000 if len(samples) > 1 else samples[0] * 1000


def main():
    app = create_app(Config)
    huey.immediate = True
    with app.app_context():
        if not Config.DATABASE_URL.startswith("sqlite"):
            db.execute_sql("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")
        router().run()
        world = build()
    web.freeze_startup_heap()  # as create_app does outside tests, after the bench's own data too
    counter = Counter()
    db.obj.query_hooks.append(counter)
    hx = {"HX-Request": "true"}
    prime = login(app, world["prime_admin"], world["prime"])
    big = login(app, world["big_admin"], world["big"])
    site, site2, contract2 = world["site"], world["site2"], world["contract2"]
    national = world["national"]
    nat = login(app, national["admin"], national["company"])
    staff = app.test_client()
    staff.post("/login", data={"email": national["reviewer"].email, "password": PASSWORD})
    urls = {
        "daily_list_10000": (prime, f"/prime/sites/{world['site3'].id}/daily?date={DAY.isoformat()}"),
        "kentaikyo_csv_10000": (nat, "/company/kentaikyo/2026-10.csv"),
        "reviewer_queue_100k": (staff, "/reviewer/"),
        "reviewer_queue_100k_deep": (staff, "/reviewer/?page=180"),
        "roster_page": (big, f"/company/contracts/{contract2.id}/roster"),
        "site_tree": (prime, f"/prime/sites/{site.id}"),
        "daily_list": (prime, f"/prime/sites/{site.id}/daily?date={DAY.isoformat()}"),
    }
    figures, most_queries = {}, 0
    for name, (client, url) in urls.items():
        client.get(url)  # warm the template cache
        samples = []
        for _ in range(RUNS):
            elapsed, queries = timed(counter, lambda c=client, u=url: c.get(u), name)
            samples.append(elapsed)
            most_queries = max(most_queries, queries)
        figures[f"{name}_p95_ms"] = p95(samples)
    samples = []
    add_url = f"/company/contracts/{contract2.id}/roster"
    for w in world["spare"]:
        data = {"worker": str(w.id), "position": "3", "trade": "0201"}
        elapsed, queries = timed(counter, lambda d=data: big.post(add_url, data=d, headers=hx), "roster_add")
        samples.append(elapsed)
        most_queries = max(most_queries, queries)
    figures["roster_add_p95_ms"] = p95(samples)
    RosterEntry.delete().where(RosterEntry.worker.in_([w.id for w in world["spare"]])).execute()
    start = time.perf_counter()
    timed(
        counter,
        lambda: big.post(f"/prime/sites/{site2.id}/documents/roster", data={"contract": contract2.id}, headers=hx),
    )
    figures["roster_pdf_500_s"] = time.perf_counter() - start
    start = time.perf_counter()
    timed(counter, lambda: prime.post(f"/prime/sites/{site.id}/documents/ledger", headers=hx))
    figures["ledger_pdf_s"] = time.perf_counter() - start
    print(f"roster_page_p95_ms: {figures['roster_page_p95_ms']:.1f}")
    print(f"roster_add_p95_ms: {figures['roster_add_p95_ms']:.1f}")
    print(f"site_tree_p95_ms: {figures['site_tree_p95_ms']:.1f}")
    print(f"daily_list_p95_ms: {figures['daily_list_p95_ms']:.1f}")
    print(f"roster_pdf_500_s: {figures['roster_pdf_500_s']:.2f}")
    print(f"ledger_pdf_s: {figures['ledger_pdf_s']:.2f}")
    print(f"queries_per_page_max: {most_queries}")
    for name in ("daily_list_10000", "kentaikyo_csv_10000", "reviewer_queue_100k", "reviewer_queue_100k_deep"):
        print(f"{name}_p95_ms: {figures[f'{name}_p95_ms']:.1f}")
        print(f"{name}_cpu_p95_ms: {p95(CPU[name]):.1f}")
    for name in ("roster_page", "roster_add", "site_tree", "daily_list"):
        print(f"{name}_cpu_p95_ms: {p95(CPU[name]):.1f}")
    print(f"load_average_1min: {os.getloadavg()[0]:.1f}")
    print(f"peak_rss_mb: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f}")


if __name__ == "__main__":
    main()
