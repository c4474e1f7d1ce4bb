"""A morning's load (issue 18 "The proof"): 50 concurrent clients for a bounded time against gunicorn and
two huey consumers on loopback (PostgreSQL + Redis), mixed like a morning at the site gate: roster
browsing and htmx edits, the approvals queue, card-touch batches from readers and single touches from
phones, one bulk import, site-document PDF jobs, and logins.

    python bench/load.py                       # 5 minutes, 50 clients, starts its own stack
    python bench/load.py --seconds 60          # shorter
    python bench/load.py --url http://127.0.0.1:5000 --no-seed   # an already running `make prod-local`

Its own stack: PostgreSQL database BENCH_PG_URL (default postgresql://postgres@127.0.0.1:5432/jobs,
emptied), Redis BENCH_REDIS_URL (default redis://127.0.0.1:6379/7, flushed), gunicorn with 2 gthread
workers and 2 consumers (as the Procfile). Prints `requests`, `errors` (target 0), p50/p95/p99 per
kind, `jobs_finished`, `jobs_stuck` (target 0: queued or running once the load has stopped and the
consumers had --drain seconds to finish), CPU seconds of the stack and the load average."""

import argparse
import datetime as dt
import html.parser
import io
import json
import os
import random
import re
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TMP = Path(tempfile.mkdtemp(prefix="careerup-load-"))
PASSWORD = "load-password-1"
JST = dt.timezone(dt.timedelta(hours=9))


def options():
    p = argparse.ArgumentParser()
    p.add_argument("--seconds", type=float, default=300.0)
    p.add_argument("--clients", type=int, default=50)
    p.add_argument("--workers", type=int, default=600, help="workers with cards on the site's roster")
    p.add_argument("--companies", type=int, default=6)
    p.add_argument("--url", help="an app already running (its database must be BENCH_PG_URL)")
    p.add_argument("--drain", type=float, default=180.0, help="seconds the consumers get to finish jobs after")
    return p.parse_args()


def stack_env(pg, redis_url, port):
    return {
        **os.environ,
        "DATABASE_URL": pg,
        "REDIS_URL": redis_url,
        "SECRET_KEY": "load-bench-secret-key-of-32-bytes!!",
        "CAREERUP_INSTANCE": str(TMP / "instance"),
        "BASE_URL": f"http://127.0.0.1:{port}",
        "PYTHONPATH": str(ROOT),
    }


def seed(args, pg):
    """Companies with admins, workers with enrolled cards on one site's roster, readers. Returns the
    accounts, contract ids, site number, serials and reader tokens."""
    from app import create_app
    from extensions import db
    from factory.cli import router
    from models import Account, Company, Membership, Site, SiteContract, Worker
    from models.accounts.workers import Affiliation
    from models.cards.cards import Card
    from models.core.clock import utcnow
    from models.core.ids import issue_id
    from models.sites.readers import CardReader
    from models.sites.sites import RosterEntry

    app = create_app({"DATABASE_URL": pg, "SECRET_KEY": "load-bench-secret-key-of-32-bytes!!"})
    with app.app_context():
        db.execute_sql("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")
        router().run()
        base = {"entity_type": "corporation", "representative_name": "代表", "address": "東京都", "phone": "03"}
        base |= {"registration_paid_on": dt.date.today(), "health_insurance": "enrolled", "pension": "enrolled"}
        base |= {"employment_insurance": "enrolled", "status": "approved"}
        fields = {f for f in Company._meta.fields}
        base = {k: v for k, v in base.items() if k in fields}

        def admin(name, company):
            acc = Account(email=f"{name}@load.example.jp", display_name=name, email_confirmed_at=utcnow())
            acc.set_password(PASSWORD)
            acc.save()
            Membership.create(account=acc, company=company, role="system_admin")
            return {"email": acc.email, "company": company.id}

        with db.atomic():
            prime = Company.create(name="元請建設", business_id=issue_id("company"), **base)
            site = Site.open(prime, name="負荷試験現場")
            # One account per client: an admin ID holds one session at a time.
            primes = [admin(f"prime{n}", prime) for n in range(10)]
            contracts = []
            for n in range(args.companies):
                company = Company.create(name=f"協力会社{n}", business_id=issue_id("company"), **base)
                c = SiteContract.create(site=site, company=company, parent=prime, tier=1, status="accepted")
                contracts.append((c.id, company.id))
            subs = [
                (
                    contracts[n % len(contracts)][0],
                    admin(f"sub{n}", Company.get_by_id(contracts[n % len(contracts)][1])),
                )
                for n in range(40)
            ]
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
            Worker.insert_many(rows).execute()
            workers = list(Worker.select(Worker.id).order_by(Worker.id))
            today = dt.date.today()
            serials = [f"01{w.id:014X}" for w in workers]
            cards, affs, roster = [], [], []
            for k, w in enumerate(workers):
                _contract, company_id = contracts[k % len(contracts)]
                cards.append(
                    {"worker": w.id, "idm": serials[k], "serial_source": "generated", "issued_on": today}
                    | {"valid_until": today.replace(year=today.year + 5)}
                )
                affs.append({"worker": w.id, "company": company_id, "is_main": True})
                roster.append(
                    {"site": site.id, "company": company_id, "worker": w.id, "position": "3", "trade": "0201"}
                )
            for table, data in ((Card, cards), (Affiliation, affs), (RosterEntry, roster)):
                table.insert_many(data).execute()
            tokens = [CardReader.register(site, f"ゲート{n}")[1] for n in range(4)]
        out = {"primes": primes, "subs": subs, "site": site.id, "site_no": site.site_id}
        out |= {"serials": serials, "tokens": tokens}
    db.close()
    return out


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def start_stack(env, port):
    bin_ = Path(sys.executable).parent
    log = (TMP / "stack.log").open("w")
    web = subprocess.Popen(
        [str(bin_ / "gunicorn"), "-w", "2", "-k", "gthread", "--threads", "4", "-b", f"127.0.0.1:{port}"]
        + ["--timeout", "120", "app:create_app()"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    consumers = [
        subprocess.Popen(
            [str(bin_ / "huey_consumer"), "worker.huey", "-w", "2", "-k", "thread"]
            + ["--graceful-signal", "TERM", "--shutdown-timeout", "20"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        for _ in range(2)
    ]
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            if requests.get(f"http://127.0.0.1:{port}/login", timeout=2).status_code == 200:
                return [web, *consumers]
        except requests.RequestException:
            time.sleep(0.3)
    raise RuntimeError("gunicorn did not start; see " + str(TMP / "stack.log"))


def cpu_seconds(pids):
    """utime + stime of the processes and their children still alive (from /proc), in seconds."""
    tick = os.sysconf("SC_CLK_TCK")
    seen, total = set(), 0.0
    stack = list(pids)
    while stack:
        pid = stack.pop()
        if pid in seen:
            continue
        seen.add(pid)
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / tick
            for task in Path(f"/proc/{pid}/task").iterdir():
                kids = task / "children"
                if kids.exists():
                    stack += [int(k) for k in kids.read_text().split()]
        except OSError:
            continue
    return total


# --- the clients ---------------------------------------------------------------------------------


class Form(html.parser.HTMLParser):
    """The inputs of the first form with `action` in a page: {name: value} as a browser would send."""

    def __init__(self, action):
        super().__init__()
        self.action, self.inside, self.values, self.select = action, False, {}, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and self.action in (a.get("action") or a.get("hx-post") or ""):
            self.inside = True
        if not self.inside or "name" not in a and tag != "option":
            return
        if (
            tag == "input"
            and a.get("type") not in ("checkbox", "radio", "submit")
            or (tag == "input" and "checked" in a)
        ):
            self.values[a["name"]] = a.get("value") or ""
        elif tag == "textarea":
            self.values[a["name"]] = ""
        elif tag == "select":
            self.select = a["name"]
            self.values.setdefault(self.select, "")
        elif tag == "option" and self.select and "selected" in a:
            self.values[self.select] = a.get("value", "")

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        if tag == "select":
            self.select = None


def form_values(page, action):
    parser = Form(action)
    parser.feed(page)
    return parser.values


CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


class Client:
    def __init__(self, base, stats, who=None):
        self.base, self.stats, self.http = base, stats, requests.Session()
        # A connection per request: a kept-alive one the server closes while the client is idle is a
        # race that a browser retries silently and requests does not.
        self.http.headers["Connection"] = "close"
        self.who, self.csrf = who, ""

    def call(self, kind, method, path, ok=(200, 302, 286), **kw):
        start = time.perf_counter()
        try:
            r = self.http.request(method, self.base + path, timeout=120, allow_redirects=False, **kw)
            status = r.status_code
        except requests.RequestException as exc:
            r, status = None, type(exc).__name__
        self.stats.record(kind, time.perf_counter() - start, status in ok, status, path)
        if r is not None and (m := CSRF.search(r.text or "")):
            self.csrf = m.group(1)
        return r

    def login(self, kind="login"):
        self.http.cookies.clear()
        self.call(kind, "GET", "/login")
        self.call(
            kind, "POST", "/login", data={"email": self.who["email"], "password": PASSWORD, "csrf_token": self.csrf}
        )
        self.call(kind, "GET", "/switch")  # signing in starts a new session: its own CSRF token
        self.call(kind, "POST", "/switch", data={"target": f"company:{self.who['company']}", "csrf_token": self.csrf})


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.times = defaultdict(list)
        self.errors = defaultdict(int)
        self.samples = []

    def record(self, kind, seconds, ok, status, path):
        with self.lock:
            self.times[kind].append(seconds)
            if not ok:
                self.errors[kind] += 1
                if sum(x.startswith(kind + " ") for x in self.samples) < 3:
                    self.samples.append(f"{kind} {status} {path}")


def touches(serials, count, prefix):
    now = dt.datetime.now(JST).replace(microsecond=0)
    day = now.date() - dt.timedelta(days=1)
    return [
        {
            "event_id": f"{prefix}-{k}",
            "card": random.choice(serials),
            "direction": random.choice(("in", "out")),
            "at": dt.datetime.combine(day, dt.time(7 + k % 10, k % 60), tzinfo=JST).isoformat(),
        }
        for k in range(count)
    ]


def bulk_book(rows):
    from openpyxl import load_workbook

    from models.registration.bulk import template as tpl

    wb = load_workbook(io.BytesIO(tpl.build_template("ja")))
    ws = wb[tpl.SHEET]
    titles = {c.field: n for n, c in enumerate(tpl.COLUMNS, start=1)}
    for r in range(rows):
        values = {
            "family_name": "負荷",
            "given_name": f"試験{r}",
            "family_kana": "フカ",
            "given_kana": "シケン",
            "birth_date": "1990-01-01",
            "gender": "1",
            "postal_code": "1600023",
            "address": "東京都新宿区西新宿1-1",
            "phone": "09011112222",
            "main_trade": "0201",
        }
        for field, value in values.items():
            if field in titles:
                ws.cell(row=tpl.FIRST_ROW + r, column=titles[field], value=value)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def run_clients(args, base, world, stats, until):
    jobs_started = []
    lock = threading.Lock()
    serials, tokens = world["serials"], world["tokens"]
    subs = iter(world["subs"])  # each client takes its own account
    primes = iter(world["primes"])
    book = bulk_book(300)

    def roster_user(n, c=None):
        if c is None:
            with lock:
                contract_id, who = next(subs)
            c = Client(base, stats, who)
            c.login()
        else:
            contract_id = c.contract
        hx = {"HX-Request": "true"}
        while time.monotonic() < until:
            page = c.call("roster_browse", "GET", f"/company/contracts/{contract_id}/roster")
            c.call("roster_browse", "GET", f"/company/contracts/{contract_id}/roster/rows?page=2", headers=hx)
            ids = re.findall(rf"/company/contracts/{contract_id}/roster/(\d+)/edit", page.text if page else "")
            if ids:
                entry = random.choice(ids)
                path = f"/company/contracts/{contract_id}/roster/{entry}/edit"
                form = c.call("htmx_edit", "GET", path, headers=hx)
                values = form_values(form.text if form else "", path)
                values.update(csrf_token=c.csrf, work_content=f"型枠{random.randint(1, 99)}")
                c.call("htmx_edit", "POST", path, data=values, headers=hx)
            time.sleep(random.uniform(0.5, 2))

    def prime_user(n):
        with lock:
            who = next(primes)
        c = Client(base, stats, who)
        c.login()
        while time.monotonic() < until:
            c.call("approvals", "GET", "/prime/approvals")
            if random.random() < 0.1:  # the 作業員名簿 of one subcontractor, as PDF
                contract_id, _who = random.choice(world["subs"])
                r = c.call(
                    "pdf_job",
                    "POST",
                    f"/prime/sites/{world['site']}/documents/roster",
                    data={"csrf_token": c.csrf, "contract": contract_id},
                )
                if r is not None and r.status_code == 302:
                    with lock:
                        jobs_started.append(r.headers["Location"])
            time.sleep(random.uniform(1, 3))

    def poster(kind, size, pause):
        """A card reader posting batches (size 200) or a phone posting single touches (size 1)."""

        def post(n):
            c = Client(base, stats)
            auth = {"Authorization": f"Bearer {tokens[n % len(tokens)]}"}
            sent = 0
            while time.monotonic() < until:
                body = {"touches": touches(serials, size, f"{kind}{n}-{sent}")}
                c.call(kind, "POST", "/api/v1/touches", ok=(200,), json=body, headers=auth)
                sent += 1
                time.sleep(random.uniform(*pause))

        return post

    def logins(n):
        with lock:
            _contract, who = next(subs)
        c = Client(base, stats, who)
        while time.monotonic() < until:
            c.login("login")
            time.sleep(random.uniform(2, 6))

    def bulk(n):
        with lock:
            contract_id, who = next(subs)
        c = Client(base, stats, who)
        c.contract = contract_id
        c.login()
        c.call("bulk_import", "GET", "/company/bulk")
        files = {"workbook": ("crew.xlsx", book, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")}
        r = c.call("bulk_import", "POST", "/company/bulk", data={"csrf_token": c.csrf}, files=files)
        if r is not None and r.status_code == 302:
            with lock:
                jobs_started.append(r.headers["Location"])
        roster_user(n, c)

    # 50 clients: 18 roster, 6 prime, 8 readers, 12 phones, 5 logins, 1 bulk import.
    reader, phone = poster("touch_batch", 200, (2, 5)), poster("touch_single", 1, (0.5, 2))
    plan = [(roster_user, 18), (prime_user, 6), (reader, 8), (phone, 12), (logins, 5), (bulk, 1)]
    scale = args.clients / sum(n for _f, n in plan)
    threads = []
    for fn, n in plan:
        for i in range(max(1, round(n * scale))):
            threads.append(threading.Thread(target=fn, args=(i,), daemon=True))
    for t in threads:
        t.start()
        time.sleep(0.05)
    for t in threads:
        t.join(timeout=max(0.0, until - time.monotonic()) + 180)
    return len(threads), jobs_started


def job_counts(pg):
    import psycopg2

    conn = psycopg2.connect(pg)
    try:
        with conn.cursor() as cur:
            cur.execute(
                "SELECT state, count(*) FROM job WHERE key IS NULL GROUP BY state",
            )
            return dict(cur.fetchall())
    finally:
        conn.close()


def drain(pg, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        counts = job_counts(pg)
        if not counts.get("queued") and not counts.get("running"):
            return counts
        time.sleep(1)
    return job_counts(pg)


def pct(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))] * 1000


def main():
    args = options()
    pg = os.environ.get("BENCH_PG_URL", "postgresql://postgres@127.0.0.1:5432/jobs")
    redis_url = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/7")
    procs = []
    port = free_port()
    os.environ.update({k: v for k, v in stack_env(pg, redis_url, port).items() if k != "PYTHONPATH"})
    world = seed(args, pg)
    if args.url:
        base = args.url.rstrip("/")
    else:
        import redis

        redis.Redis.from_url(redis_url).flushdb()
        procs = start_stack(stack_env(pg, redis_url, port), port)
        base = f"http://127.0.0.1:{port}"
    stats = Stats()
    pids = [p.pid for p in procs]
    cpu_before = cpu_seconds(pids)
    started = time.monotonic()
    clients, jobs_started = run_clients(args, base, world, stats, started + args.seconds)
    elapsed = time.monotonic() - started
    counts = drain(pg, args.drain)
    cpu = cpu_seconds(pids) - cpu_before
    load = os.getloadavg()
    for p in procs:
        p.send_signal(signal.SIGTERM)
    for p in procs:
        try:
            p.wait(timeout=30)
        except subprocess.TimeoutExpired:
            p.kill()
    total = sum(len(v) for v in stats.times.values())
    print(f"clients: {clients}  seconds: {elapsed:.0f}")
    print(f"requests: {total}")
    print(f"errors: {sum(stats.errors.values())}")
    for kind in sorted(stats.times):
        t = stats.times[kind]
        print(
            f"  {kind}: n={len(t)} errors={stats.errors[kind]} p50={pct(t, 50):.0f}ms p95={pct(t, 95):.0f}ms "
            f"p99={pct(t, 99):.0f}ms"
        )
    for sample in stats.samples:
        print(f"  error sample: {sample}")
    print(f"jobs_started: {len(jobs_started)}")
    print(f"jobs_finished: {counts.get('done', 0)}")
    print(f"jobs_failed: {counts.get('failed', 0)}")
    print(f"jobs_stuck: {counts.get('queued', 0) + counts.get('running', 0)}")
    print(f"cpu_seconds_stack: {cpu:.1f}  load_average: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    print(json.dumps({"tmp": str(TMP)}))


if __name__ == "__main__":
    main()
