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
    from models.registration.bulk.imports import start_import
    from tasks.imports import run_bulk_import
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
            run_bulk_import.call_local(job.job_id)  # the job as a consumer runs it
        finally:
            db.obj.query_hooks.remove(seen.append)
        assert BulkImport.get_by_id(job.id).accepted == 40 and ProxyFiling.select().count() == 40
    assert sum('"official_trade"' in q.sql for q in seen) == 1, [q.sql for q in seen if "official_trade" in q.sql][:3]
    assert len(seen) <= 40, len(seen)  # the job's own claim, progress and heartbeat writes included


def test_the_presence_page_is_paged_with_the_days_totals_counted_by_the_database(client):
    """入退場 of a large site: 50 records a page, the on-site count and the headcount over the whole day,
    the same queries for 3 or 120 records, and the CSV with every record."""
    import datetime as dt

    from models import Affiliation, Worker
    from models.core.clock import today
    from models.sites.records import WorkRecord

    w = f.site_with_worker()
    day = today()
    url = f"/prime/sites/{w['site'].id}/presence?date={day.isoformat()}"
    f.login(client, w["prime_admin"])

    def crew(n, start):
        for i in range(start, start + n):
            worker = Worker.create(
                family_name="入場",
                given_name=f"{i:03d}",
                birth_date=dt.date(1980, 1, 1),
                gender="1",
                address="東京都",
                phone="090",
                main_trade="0201",
                status="approved",
            )
            Affiliation.create(worker=worker, company=w["sub"])
            out = None if i % 2 else dt.datetime.combine(day, dt.time(17, 0))
            WorkRecord.create(
                worker=worker,
                site=w["site"],
                company=w["sub"],
                work_date=day,
                trade="0201",
                first_in=dt.datetime.combine(day, dt.time(8, i % 60)),
                last_out=out,
            )

    crew(3, 0)
    few = _queries(lambda: client.get(url))
    crew(117, 3)
    many = _queries(lambda: client.get(url))
    page = client.get(url).text
    assert many == few, (few, many)
    assert "いま現場にいる人（60）" in page and "ほか 0名" not in page
    assert f"<td>{w['sub'].name}</td><td>120</td>" in page
    assert page.split("入場・退場の時刻")[1].count("<tr>") - 1 == 50 and 'data-testid="pager"' in page
    last = client.get(url + "&page=3").text
    assert last.split("入場・退場の時刻")[1].count("<tr>") - 1 == 20
    csv = client.get(f"/prime/sites/{w['site'].id}/presence.csv?date={day.isoformat()}").text
    assert csv.count("入場 ") == 120
