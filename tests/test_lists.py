"""Long lists lose nothing: every row is on exactly one page (review queue, cards to mail, a worker's
history), and a page number out of range still shows a page."""

import datetime as dt
import re

from models import Account, Application, Card, Inquiry, Site, Worker
from models.core.pagination import PER_PAGE
from models.sites.records import WorkRecord
from tests import factories as f


def _ids(html, prefix):
    return [int(n) for n in re.findall(rf'data-testid="{prefix}-(\d+)"', html)]


def _walk(client, url, prefix):
    """Every id on every page, following the pager's next links."""
    seen, page = [], 1
    while True:
        html = client.get(f"{url}?page={page}").text
        seen += _ids(html, prefix)
        if 'rel="next"' not in html:
            return seen, page
        page += 1


def _submitted(name):
    """A submitted paper application (no login of its own), as counter intake files them."""
    applicant = Account.get_or_none(Account.email == "clerk@example.jp") or f.account("clerk@example.jp")
    worker = Worker.create(
        family_name=name,
        given_name="一郎",
        birth_date=dt.date(1990, 1, 1),
        gender="1",
        address="東京都",
        phone="03",
        main_trade="0201",
    )
    application = Application.create(kind="worker", applicant=applicant, worker=worker, channel="paper")
    application.submit(applicant)
    return application.id


def test_review_queue_shows_every_application_on_exactly_one_page(client):
    made = [_submitted(f"技能者{n}") for n in range(2 * PER_PAGE + 7)]
    f.login(client, f.reviewer())
    seen, pages = _walk(client, "/reviewer/", "queue-item")
    assert pages == 3
    assert sorted(seen) == sorted(made) and len(seen) == len(set(seen))
    assert "107件中 51–100件目" in client.get("/reviewer/?page=2").text


def test_review_queue_page_out_of_range_shows_a_page(client):
    application = f.submitted_worker_application()
    f.login(client, f.reviewer())
    for page in ("99999999999999999999", "0", "-5", "abc", "1e9"):
        r = client.get(f"/reviewer/?page={page}")
        assert r.status_code == 200 and f'queue-item-{application.id}"' in r.text


def test_cards_to_mail_are_paginated_without_losing_one(client):
    acc, _company, worker = f.one_person()
    Card.delete().execute()
    today = dt.date.today()
    made = [Card.create(worker=worker, idm=f"{i:016X}", issued_on=today, valid_until=today).id for i in range(57)]
    f.login(client, f.reviewer())
    seen = []
    for page in (1, 2):
        html = client.get(f"/reviewer/cards?page={page}").text
        seen += [int(n) for n in re.findall(r"/reviewer/cards/(\d+)/mailed", html)]
    assert sorted(seen) == made
    assert 'rel="next"' not in client.get("/reviewer/cards?page=2").text


def test_worker_history_is_paginated_and_counts_every_day(client):
    acc, company, worker = f.one_person()
    site = Site.open(company, name="長い現場")
    start = dt.date(2024, 1, 1)
    for n in range(PER_PAGE + 3):
        WorkRecord.create(worker=worker, site=site, work_date=start + dt.timedelta(days=n))
    f.login(client, acc)
    first = client.get("/worker/history").text
    assert "就業日数: 53日" in first and first.count("<tr>") == PER_PAGE + 1  # + the header row
    second = client.get("/worker/history?page=2").text
    assert "2024/01/03" in second and "2024/01/01" in second and "2024/01/04" not in second


def test_inquiries_invoices_and_change_queue_page_through_everything(client):
    made = [Inquiry.create(category="1", name=f"問 {n}", email=f"q{n}@example.jp", body="質問").id for n in range(105)]
    f.login(client, f.reviewer())
    seen = []
    for page in (1, 2, 3):
        html = client.get(f"/reviewer/inquiries?page={page}").text
        seen += [int(n) for n in re.findall(r'href="/reviewer/inquiries/(\d+)"', html)]
    assert sorted(seen) == made
    assert "105件中 101–105件目" in client.get("/reviewer/inquiries?page=3").text
    for url in ("/reviewer/invoices?page=99999999999999999999", "/reviewer/changes?page=-1"):
        assert client.get(url).status_code == 200
