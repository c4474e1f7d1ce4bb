"""A national-size data set on PostgreSQL, and the pages people open, timed through the real app over HTTP.

    python bench/national.py                 # scale 0.1: 175,000 workers, 30,000 companies, 3,000 live sites,
                                             # ~6 M work records over a year
    python bench/national.py --scale 1       # CCUS's size: 1.75 M workers, ~60 M records (hours; not run in CI)
    python bench/national.py --scale 0.01    # a quick look

Builds with COPY (not the ORM) into a fresh database (BENCH_PG_URL, default
postgresql://postgres@127.0.0.1:5432/bench_national), consistent with every constraint: each worker has a
main employer, an account and a card; each site a prime and a tree of 3–4 tiers whose companies' workers are
on its roster; records only for rostered workers on days inside the last year. Then ANALYZE (this machine's
PostgreSQL runs without autovacuum), gunicorn with 2 workers, and for each page RUNS requests: prints
`<page>_p95_ms`, `<page>_queries` (SQL statements of one request, counted in-process), `p95_ms_max`
(target <= 100), the nightly evaluation's seconds and peak RSS (every worker marked, as after migration 092),
table + index sizes, CPU time and the load average."""

import argparse
import datetime as dt
import hashlib
import http.cookiejar
import io
import json
import os
import random
import re
import resource
import secrets
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench import serve  # noqa: E402
from bench.serve import free_port  # noqa: E402

TMP = Path(tempfile.mkdtemp(prefix="careerup-national-"))
os.environ.setdefault("CAREERUP_INSTANCE", str(TMP / "instance"))

PASSWORD = "bench-password-1"
TODAY = dt.date.today()
YEAR_AGO = TODAY - dt.timedelta(days=365)
RUNS = 20


def options():
    p = argparse.ArgumentParser()
    p.add_argument("--scale", type=float, default=0.1)
    p.add_argument("--runs", type=int, default=RUNS)
    p.add_argument("--keep", action="store_true", help="reuse the data set of an earlier run")
    p.add_argument("--nightly-only", metavar="URL", help=argparse.SUPPRESS)  # the evaluation in a clean process
    return p.parse_args()


def luhn(digits):
    total = 0
    for i, d in enumerate(reversed(digits)):
        n = int(d) * (2 if i % 2 == 0 else 1)
        total += n - 9 if n > 9 else n
    return str((10 - total % 10) % 10)


def worker_no(n):
    body = f"9{n:012d}"  # 14 digits with the check digit; "9…" keeps them apart from issued ones
    return body + luhn(body)


def company_no(n):
    body = f"9{n:010d}"
    return body + luhn(body)


def _defaults(table):
    """Every column of `table`'s model with the value its Python-side default gives (the database has no
    defaults of its own: peewee fills them), for the columns a row here leaves out."""
    from models import ALL_MODELS

    model = next(m for m in ALL_MODELS if m._meta.table_name == table)
    out = {}
    for field in model._meta.sorted_fields:
        if field.column_name == "id":
            continue
        default = field.default() if callable(field.default) else field.default
        if default is None and not field.null:
            default = ""
        out[field.column_name] = default
    return out


def _csv(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, str):
        return '"' + value.replace('"', '""') + '"'
    return str(value)


class Copier:
    """Rows to a table through COPY … FROM STDIN (CSV), a few MB at a time; columns not given take their
    model default."""

    def __init__(self, cursor, table, columns):
        self.cursor, self.table, self.columns = cursor, table, list(columns)
        rest = {k: v for k, v in _defaults(table).items() if k not in self.columns}
        self.all_columns = self.columns + list(rest)
        self.tail = [_csv(v) for v in rest.values()]
        self.buffer, self.count = io.StringIO(), 0

    def add(self, *values):
        self.buffer.write(",".join([_csv(v) for v in values] + self.tail))
        self.buffer.write("\n")
        self.count += 1
        if self.count % 200_000 == 0:
            self.flush()

    def flush(self):
        self.buffer.seek(0)
        names = ", ".join(f'"{c}"' for c in self.all_columns)
        self.cursor.copy_expert(f'COPY "{self.table}" ({names}) FROM STDIN WITH (FORMAT csv)', self.buffer)
        self.buffer = io.StringIO()


def build(conn, scale, password_hash):
    """The data set; returns the handles the page timings need."""
    rnd = random.Random(7)
    n_companies, n_workers, n_sites = int(300_000 * scale), int(1_750_000 * scale), int(30_000 * scale)
    now = dt.datetime.now().replace(microsecond=0)
    cur = conn.cursor()
    paid, valid = TODAY - dt.timedelta(days=200), TODAY + dt.timedelta(days=1500)

    # Companies 1..C; company 1 is the big prime, company 2 the big subcontractor (its workers on site 1).
    c = Copier(
        cur,
        "company",
        [
            "id",
            "created_at",
            "business_id",
            "entity_type",
            "name",
            "representative_name",
            "address",
            "phone",
            "status",
            "registration_paid_on",
            "registration_valid_until",
            "health_insurance",
            "pension",
            "employment_insurance",
        ],
    )
    for i in range(1, n_companies + 1):
        c.add(
            i,
            now,
            company_no(i),
            "corporation",
            f"全国建設{i}株式会社",
            "代表 一郎",
            "東京都新宿区1-1",
            "03-1111-2222",
            "approved",
            paid,
            valid,
            "1",
            "1",
            "1",
        )
    c.flush()
    # Accounts: 1 reviewer, an admin per company (ids 2..C+1), then a login per worker.
    a = Copier(
        cur,
        "account",
        ["id", "created_at", "email", "display_name", "password_hash", "email_confirmed_at", "is_reviewer"],
    )
    a.add(1, now, "reviewer@national.bench", "審査 花子", password_hash, now, True)
    for i in range(1, n_companies + 1):
        a.add(i + 1, now, f"admin{i}@national.bench", "管理 太郎", password_hash, now, False)
    first_worker_account = n_companies + 2
    for w in range(1, n_workers + 1):
        a.add(first_worker_account + w - 1, now, f"w{w}@national.bench", f"技能 {w}", password_hash, now, False)
    a.flush()
    m = Copier(cur, "membership", ["created_at", "account_id", "company_id", "role"])
    for i in range(1, n_companies + 1):
        m.add(now, i + 1, i, "system_admin")
    m.flush()
    # Workers: the big subcontractor (company 2) holds 10,000·(scale/0.1) of them, the rest spread out.
    big = max(100, int(10_000 * scale / 0.1))
    employer = [0] * (n_workers + 1)
    w_copy = Copier(
        cur,
        "worker",
        [
            "id",
            "created_at",
            "account_id",
            "worker_id",
            "family_name",
            "given_name",
            "family_kana",
            "given_kana",
            "birth_date",
            "gender",
            "nationality",
            "address",
            "phone",
            "main_trade",
            "status",
            "kentaikyo_number",
        ],
    )
    aff = Copier(cur, "affiliation", ["created_at", "worker_id", "company_id", "is_main"])
    card = Copier(
        cur, "card", ["created_at", "worker_id", "idm", "serial_source", "issued_on", "valid_until", "status"]
    )
    trades = ("0101", "0201", "0301", "0401", "0701", "0801")
    for w in range(1, n_workers + 1):
        company = 2 if w <= big else 3 + (w * 7919) % max(1, n_companies - 2)
        employer[w] = company
        w_copy.add(
            w,
            now,
            first_worker_account + w - 1,
            worker_no(w),
            "全国",
            f"{w}",
            "ゼンコク",
            "タロウ",
            dt.date(1960 + w % 45, 1 + w % 12, 1 + w % 28),
            "1" if w % 7 else "2",
            "日本" if w % 25 else "ベトナム",
            "東京都新宿区1-1",
            "090-1111-2222",
            trades[w % len(trades)],
            "approved",
            f"{w % 10**9:09d}",
        )
        aff.add(now, w, company, True)
        card.add(now, w, f"01{w:014X}", "generated", paid, valid, "active")
    for copier in (w_copy, aff, card):
        copier.flush()
    by_company = {}
    for w in range(1, n_workers + 1):
        by_company.setdefault(employer[w], []).append(w)

    # Sites and their trees: a prime, 5 first tiers, 2 second tiers under each, 1 third under each second.
    s_copy = Copier(
        cur,
        "site",
        [
            "id",
            "created_at",
            "site_id",
            "prime_id",
            "name",
            "accrual_starts_on",
            "accrual_ends_on",
            "starts_on",
            "ends_on",
        ],
    )
    k_copy = Copier(
        cur,
        "site_contract",
        ["id", "created_at", "site_id", "company_id", "parent_id", "tier", "status", "answered_at"],
    )
    r_copy = Copier(cur, "roster_entry", ["created_at", "site_id", "company_id", "worker_id", "position", "trade"])
    rec = Copier(
        cur,
        "work_record",
        [
            "created_at",
            "worker_id",
            "site_id",
            "company_id",
            "work_date",
            "trade",
            "position",
            "first_in",
            "last_out",
            "source",
            "seq",
        ],
    )
    contract_id, seq, days_span = 0, 0, 365
    records_per_entry = max(1, int(round(6_000_000 * scale / 0.1 / max(1, n_workers * 2.6))))
    rostered = set()
    big_contract = None
    for s in range(1, n_sites + 1):
        prime = 1 if s == 1 else 3 + (s * 104729) % max(1, n_companies - 2)
        s_copy.add(s, now, f"4{s:012d}" + luhn(f"4{s:012d}"), prime, f"全国現場{s}", YEAR_AGO, None, YEAR_AGO, None)
        tree, used = [], {prime}

        def pick(used=used):
            while True:
                company = 3 + rnd.randrange(max(1, n_companies - 2))
                if company not in used or len(used) >= n_companies - 2:
                    used.add(company)
                    return company

        firsts = [2] if s == 1 else []
        used.update(firsts)
        while len(firsts) < 5:
            firsts.append(pick())
        for company in firsts:
            contract_id += 1
            k_copy.add(contract_id, now, s, company, prime, 1, "accepted", now)
            tree.append((contract_id, company))
            if s == 1 and company == 2:
                big_contract = contract_id
            for _ in range(2):
                second = pick()
                contract_id += 1
                k_copy.add(contract_id, now, s, second, company, 2, "accepted", now)
                tree.append((contract_id, second))
                third = pick()
                contract_id += 1
                k_copy.add(contract_id, now, s, third, second, 3, "accepted", now)
                tree.append((contract_id, third))
        for _contract, company in tree:
            for w in by_company.get(company, ()):
                if (s, w) in rostered:
                    continue
                rostered.add((s, w))
                trade = trades[w % len(trades)]
                r_copy.add(now, s, company, w, "1" if w % 10 == 0 else "3", trade)
                start = rnd.randrange(days_span)
                for d in range(records_per_entry if s != 1 else max(records_per_entry, 20)):
                    day = YEAR_AGO + dt.timedelta(days=(start + d * 3) % days_span)
                    seq += 1
                    rec.add(
                        now,
                        w,
                        s,
                        company,
                        day,
                        trade,
                        "3",
                        dt.datetime.combine(day, dt.time(8, w % 60)),
                        dt.datetime.combine(day, dt.time(17, 30)),
                        "card",
                        seq,
                    )
    for copier in (s_copy, k_copy, r_copy, rec):
        copier.flush()
    # Applications: every worker's approved registration, 5 % waiting in the reviewer's queue.
    ap = Copier(
        cur,
        "application",
        ["created_at", "kind", "applicant_id", "worker_id", "status", "channel", "round", "submitted_at"],
    )
    for w in range(1, n_workers + 1):
        status = "submitted" if w % 20 == 0 else "approved"
        ap.add(
            now,
            "worker",
            first_worker_account + w - 1,
            w,
            status,
            "internet",
            1,
            now - dt.timedelta(minutes=w % 100_000),
        )
    ap.flush()
    # A certified system of the big prime reading site 1's records.
    token = "cs_" + secrets.token_urlsafe(32)
    cur.execute(
        "INSERT INTO api_client (created_at, company_id, name, scopes, token_hash, token_hint) VALUES (%s, 1, %s, %s, %s, %s) RETURNING id",
        (now, "勤怠システム", "read-records", hashlib.sha256(token.encode()).hexdigest(), token[-4:]),
    )
    client_id = cur.fetchone()[0]
    cur.execute("INSERT INTO api_client_site (created_at, client_id, site_id) VALUES (%s, %s, 1)", (now, client_id))
    cur.execute("INSERT INTO level_dirty (worker_id, generation) SELECT id, 1 FROM worker ON CONFLICT DO NOTHING")
    for table in (
        "company",
        "account",
        "worker",
        "site",
        "site_contract",
        "work_record",
        "application",
        "affiliation",
        "card",
        "roster_entry",
        "membership",
    ):
        cur.execute(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT COALESCE(MAX(id), 1) FROM {table}))"
        )
    conn.commit()
    return {
        "workers": n_workers,
        "companies": n_companies,
        "sites": n_sites,
        "records": rec.count,
        "roster_entries": r_copy.count,
        "big_contract": big_contract,
        "worker_account": f"w{big // 2}@national.bench",
        "token": token,
    }


class Browser:
    """A logged-in person over HTTP: cookies, the CSRF token of the login form, the role switch."""

    def __init__(self, base):
        self.base = base
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))

    def get(self, path, headers=None):
        request = urllib.request.Request(self.base + urllib.parse.quote(path, safe="/?=&:"), headers=headers or {})
        with self.opener.open(request, timeout=120) as response:
            moved = urllib.parse.urlsplit(response.url).path != urllib.parse.urlsplit(request.full_url).path
            return (302 if moved else response.status), response.read()

    def post(self, path, data):
        _status, page = self.get("/login")
        token = re.search(rb'name="csrf_token"[^>]*value="([^"]+)"', page)
        body = urllib.parse.urlencode({**data, "csrf_token": token.group(1).decode() if token else ""}).encode()
        with self.opener.open(urllib.request.Request(self.base + path, data=body), timeout=120) as response:
            return response.status, response.read()

    def login(self, email, role=None):
        self.post("/login", {"email": email, "password": PASSWORD})
        if role:
            self.post("/switch", {"target": role})
        return self


def start_gunicorn(url, port):
    return serve.start_gunicorn(
        {"DATABASE_URL": url, "SECRET_KEY": "national-bench-" + "x" * 32, "BASE_URL": f"http://127.0.0.1:{port}"},
        port,
        timeout=300,
        wait=90,
    )


def p95(samples):
    return statistics.quantiles(samples, n=20)[-1] * 1000 if len(samples) > 1 else samples[0] * 1000


def query_counts(url, pages, world):
    """SQL statements of one request of each page, through the app in this process with a query hook."""
    from app import create_app
    from extensions import db

    app = create_app({"DATABASE_URL": url, "SECRET_KEY": "national-bench-" + "x" * 32, "WTF_CSRF_ENABLED": False})
    counts = {}
    clients = {}
    for name, (who, path, headers) in pages.items():
        if who not in clients:
            client = app.test_client()
            email, role = who
            if email:
                client.post("/login", data={"email": email, "password": PASSWORD})
                if role:
                    client.post("/switch", data={"target": role})
            clients[who] = client
        seen = []
        db.obj.query_hooks.append(seen.append)
        try:
            response = clients[who].get(path, headers=headers or {})
        finally:
            db.obj.query_hooks.remove(seen.append)
        assert response.status_code == 200, (name, response.status_code, response.get_data(as_text=True)[:300])
        counts[name] = len(seen)
    return counts


def nightly(url):
    """The nightly level evaluation over every (marked) worker: seconds and this process's peak RSS."""
    from app import create_app
    from models.history.levels import evaluate_all, seed_rules

    app = create_app({"DATABASE_URL": url, "SECRET_KEY": "national-bench-" + "x" * 32})
    with app.app_context():
        seed_rules()
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        start = time.perf_counter()
        evaluate_all()
        seconds = time.perf_counter() - start
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return seconds, peak / 1024, before / 1024


def nightly_in_subprocess(url):
    out = subprocess.run([sys.executable, __file__, "--nightly-only", url], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def sizes(conn):
    cur = conn.cursor()
    cur.execute(
        "SELECT relname, pg_table_size(c.oid), pg_indexes_size(c.oid) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE n.nspname = 'public' AND c.relkind = 'r' ORDER BY pg_total_relation_size(c.oid) DESC LIMIT 8"
    )
    return cur.fetchall()


def main():
    args = options()
    if args.nightly_only:
        print(json.dumps(nightly(args.nightly_only)))
        return
    import psycopg2

    url = os.environ.get("BENCH_PG_URL", "postgresql://postgres@127.0.0.1:5432/bench_national")
    base, name = url.rsplit("/", 1)
    admin = psycopg2.connect(f"{base}/postgres")
    admin.autocommit = True
    with admin.cursor() as cur:
        cur.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,))
        exists = cur.fetchone()
        if exists and not args.keep:
            cur.execute(f'DROP DATABASE "{name}"')
        if not exists or not args.keep:
            cur.execute(f'CREATE DATABASE "{name}"')
    admin.close()
    cpu_start, wall_start = time.process_time(), time.perf_counter()
    from werkzeug.security import generate_password_hash

    world_file = TMP.parent / f"careerup-national-{name}.json"
    if args.keep and world_file.exists():
        world = json.loads(world_file.read_text())
    else:
        from app import create_app
        from factory.cli import router

        app = create_app({"DATABASE_URL": url, "SECRET_KEY": "national-bench-" + "x" * 32})
        with app.app_context():
            router().run()
        conn = psycopg2.connect(url)
        world = build(conn, args.scale, generate_password_hash(PASSWORD))
        conn.autocommit = True
        conn.cursor().execute("ANALYZE")
        conn.close()
        world_file.write_text(json.dumps(world))
    build_s = time.perf_counter() - wall_start
    month = (TODAY.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    if TODAY.day < 10:  # month M is ready from the 10th of M+1
        month = (month - dt.timedelta(days=1)).replace(day=1)
    recent = TODAY - dt.timedelta(days=30)
    prime, big, reviewer = (
        ("admin1@national.bench", "company:1"),
        ("admin2@national.bench", "company:2"),
        ("reviewer@national.bench", None),
    )
    worker = (world["worker_account"], None)
    pages = {
        "worker_history": (worker, "/worker/history", None),
        "worker_career": (worker, "/worker/career", None),
        "prime_daily": (prime, f"/prime/sites/1/daily?date={recent.isoformat()}", None),
        "prime_approvals": (prime, "/prime/approvals", None),
        "roster_large_site": (big, f"/company/contracts/{world['big_contract']}/roster", None),
        "reviewer_queue": (reviewer, "/reviewer/", None),
        "reviewer_queue_deep": (reviewer, "/reviewer/?page=150", None),
        "reviewer_search": (reviewer, "/reviewer/audit?q=全国建設4", None),
        "records_export": ((None, None), "/api/v1/records?since=", {"Authorization": f"Bearer {world['token']}"}),
        "kentaikyo_csv_large_company": (big, f"/company/kentaikyo/{month.year:04d}-{month.month:02d}.csv", None),
    }
    port = free_port()
    server = start_gunicorn(url, port)
    try:
        browsers = {}
        timings = {}
        for _ in range(args.runs):
            for page, (who, path, headers) in pages.items():
                if who not in browsers:
                    browser = Browser(f"http://127.0.0.1:{port}")
                    browsers[who] = browser.login(*who) if who[0] else browser
                start = time.perf_counter()
                status, _body = browsers[who].get(path, headers)
                timings.setdefault(page, []).append(time.perf_counter() - start)
                assert status == 200, (page, status)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(30)
    counts = query_counts(url, pages, world)
    seconds, peak_mb, before_mb = nightly_in_subprocess(url)
    conn = psycopg2.connect(url)
    table_sizes = sizes(conn)
    conn.close()
    print(f"scale: {args.scale}")
    for key in ("workers", "companies", "sites", "roster_entries", "records"):
        print(f"{key}: {world[key]}")
    print(f"build_s: {build_s:.0f}")
    worst = 0.0
    for page, samples in timings.items():
        value = p95(samples)
        worst = max(worst, value)
        print(f"{page}_p95_ms: {value:.1f}")
        print(f"{page}_queries: {counts[page]}")
    print(f"p95_ms_max: {worst:.1f}")
    print(f"nightly_evaluation_s: {seconds:.1f}")
    print(f"nightly_evaluation_peak_rss_mb: {peak_mb:.0f}")
    print(f"nightly_process_rss_before_mb: {before_mb:.0f}")
    for table, data, index in table_sizes:
        print(f"size_{table}_mb: {data / 2**20:.0f} + {index / 2**20:.0f} index")
    print(f"bench_cpu_s: {time.process_time() - cpu_start:.0f}")
    print(f"load_average_1min: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
