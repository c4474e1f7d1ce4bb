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
    assert r.status_code == 200 and r.text.count("data-testid=\"queue-item-") == 50
    assert many == few and page2 <= 10 and many <= 10, (few, many, page2)
