"""Times the bulk Excel import (一括申請リスト) of 1,000 workers through the code the upload runs:
the job reads the .xlsx, validates every row with the field rules and writes the drafts in bulk.
Run from the repository root: `python bench/bulk_import.py` (a temporary SQLite database, or
BENCH_DATABASE_URL). Target: seconds_1000_rows <= 5."""

import os
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
TMP = Path(tempfile.mkdtemp(prefix="careerup-bench-"))
os.environ.setdefault("CAREERUP_INSTANCE", str(TMP / "instance"))

from app import create_app  # noqa: E402
from config import TestConfig  # noqa: E402
from extensions import db  # noqa: E402
from factory.cli import router  # noqa: E402
from models import Account, Company, Membership, ProxyFiling  # noqa: E402
from models.core.trades import load_official  # noqa: E402
from models.registration.bulk.imports import BulkImport, start_import  # noqa: E402
from tasks.imports import run_bulk_import  # noqa: E402
from tests.bulk_books import person, template_with, to_bytes  # noqa: E402

ROWS = 1000
OFFICIAL_CSV = "code,name_ja,name_en\n02-01,型枠工,Formwork\n06-01,とび工,Tobi\n".encode()


class BenchConfig(TestConfig):
    DATABASE_URL = os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{TMP / 'bench.db'}"


def main():
    app = create_app(BenchConfig)
    with app.app_context():
        if not BenchConfig.DATABASE_URL.startswith("sqlite"):
            db.execute_sql("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")
        router().run()
        account = Account.create(email="clerk@example.jp", display_name="代行 担当", password_hash="x")
        company = Company.create(
            entity_type="corporation",
            name="代行建設株式会社",
            representative_name="代表",
            address="東京都",
            phone="0311112222",
        )
        Membership.create(account=account, company=company, role="proxy_clerk")
        data = to_bytes(template_with([person(n, 名=f"太郎{n}", 職種コード="06-01") for n in range(ROWS)]))
        load_official(OFFICIAL_CSV)  # the national case: the official trade table is loaded
        job = start_import(company, account, "crew.xlsx", data)
    queries = []
    with app.app_context():  # the job in an app context of its own, as the huey consumer runs it
        db.obj.query_hooks.append(queries.append)
        started, cpu = time.perf_counter(), time.process_time()
        run_bulk_import.call_local(job.job_id)  # the job as a consumer runs it
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
        db.obj.query_hooks.remove(queries.append)
        job = BulkImport.get_by_id(job.id)
        assert (job.status, job.accepted, ProxyFiling.select().count()) == ("done", ROWS, ROWS), job.result[:300]
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"seconds_1000_rows: {seconds:.2f}")
    print(f"rows_per_s: {ROWS / seconds:.0f}")
    print(f"cpu_s_1000_rows: {cpu:.2f}")
    print(f"queries_1000_rows: {len(queries)}")
    if os.environ.get("BENCH_SHOW_SQL"):
        print("\n".join(q.sql[:150] for q in queries))
    print(f"load_average_1min: {os.getloadavg()[0]:.1f}")
    print(f"peak_rss_mb: {peak_mb:.0f}")


if __name__ == "__main__":
    main()
