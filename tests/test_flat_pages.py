"""Issue 19: pages that stay flat in n — a fixed number of queries whatever the number of rows."""

from extensions import db
from tests import factories as f


def _queries(fn):
    seen = []
    db.obj.query_hooks.append(seen.append)
    try:
        fn()
    finally:
        db.obj.query_hooks.remove(seen.append)
    return len(seen)


def test_the_review_queue_reads_a_page_in_a_fixed_number_of_queries(client):
    for n in range(3):
        f.submitted_worker_application(f.account(name=f"鈴木 {n}"))
    f.submitted_company_application()
    f.one_person(approved=False)
    f.login(client, f.reviewer())
    few = _queries(lambda: client.get("/reviewer/"))
    for n in range(30):
        f.submitted_worker_application(f.account(name=f"佐藤 {n}"))
        f.submitted_company_application()
    many = _queries(lambda: client.get("/reviewer/"))
    page2 = _queries(lambda: client.get("/reviewer/?page=2"))
    r = client.get("/reviewer/")
    assert r.status_code == 200 and r.text.count('data-testid="queue-item-') == 50
    assert many == few and page2 <= 10 and many <= 10, (few, many, page2)


def test_a_bulk_import_job_reads_the_official_trade_table_once_not_per_row(app):
    """Issue 19: 3 SELECTs of official_trade a row (3,037 queries for 1,000 rows) — the table is read once per job."""
    from models import BulkImport, ProxyFiling
    from models.core.trades import load_official
    from models.registration.bulk.imports import run_import, start_import
    from tests.bulk_books import person, template_with, to_bytes

    company, admin = f.company(name="代行建設株式会社")
    with app.app_context():
        load_official("code,name_ja,name_en\n06-01,とび工,Tobi\n".encode())
        job = start_import(
            company, admin, "crew.xlsx", to_bytes(template_with([person(n, 職種コード="06-01") for n in range(40)]))
        )
    with app.app_context():  # the job in an app context of its own, as a consumer runs it
        seen = []
        db.obj.query_hooks.append(seen.append)
        try:
            run_import(job.id)
        finally:
            db.obj.query_hooks.remove(seen.append)
        assert BulkImport.get_by_id(job.id).accepted == 40 and ProxyFiling.select().count() == 40
    assert sum('"official_trade"' in q.sql for q in seen) == 1, [q.sql for q in seen if "official_trade" in q.sql][:3]
    assert len(seen) <= 25, len(seen)
