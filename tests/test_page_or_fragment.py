"""One way to answer htmx: an htmx request aimed at part of the page gets the fragment; no htmx, a boosted
link or a history restore (htmx 2 sends HX-Request with it) gets the whole page; both carry Vary; a
retargeted answer says where it goes. The approval queue pages through the one pager."""

import datetime as dt
import functools

import pytest

from blueprints.prime import approval_views
from models.core.clock import today
from models.core.pagination import Page
from models.history.work_entries import enter_day
from tests import factories as f
from tests.sitetree import as_company, employee, three_tiers

HX = {"HX-Request": "true"}
RESTORE = {"HX-Request": "true", "HX-History-Restore-Request": "true"}
BOOSTED = {"HX-Request": "true", "HX-Boosted": "true"}


@pytest.fixture
def queue(client, app):
    with app.app_context():
        site = f.site_with_worker()
        for back in (1, 2, 3):
            day = today() - dt.timedelta(days=back)
            enter_day(
                site["account"], site["worker"], site["site"], day, "0201", "3", None, None, "no_reader", "", today()
            )
    f.login(client, site["prime_admin"])
    client.post("/switch", data={"target": f"company:{site['prime'].id}"})
    return site


def _whole(r):
    return "<html" in r.text


def test_the_queue_answers_a_fragment_to_htmx_and_the_page_otherwise(client, queue):
    fragment = client.get("/prime/approvals", headers=HX)
    assert fragment.status_code == 200 and not _whole(fragment) and 'id="queue"' in fragment.text
    for headers in ({}, RESTORE, BOOSTED):  # a history restore used to get the bare fragment
        r = client.get("/prime/approvals", headers=headers)
        assert r.status_code == 200 and _whole(r), headers
    for r in (fragment, client.get("/prime/approvals")):
        assert "HX-Request" in r.headers["Vary"]


def test_a_decision_without_htmx_redirects_and_with_htmx_swaps_the_queue_showing_the_message(client, queue):
    ids = [e.id for e in approval_views.WorkEntry.for_prime(queue["prime"])]
    plain = client.post("/prime/approvals", data={"ids": ids[:1], "action": "approve"})
    assert plain.status_code == 303 and "HX-Request" in plain.headers["Vary"]
    page = client.get("/prime/approvals").text
    assert page.count("1件を処理しました") == 1  # shown once on the page, not again by the queue inside it
    swapped = client.post("/prime/approvals", data={"ids": ids[1:2], "action": "approve"}, headers=HX)
    assert swapped.status_code == 200 and not _whole(swapped) and "1件を処理しました" in swapped.text


def test_the_queue_pages_through_the_one_pager_keeping_its_filters(client, queue, monkeypatch):
    monkeypatch.setattr(approval_views, "Page", functools.partial(Page, per_page=2))
    first = client.get("/prime/approvals?day=&company=").text
    assert first.count('name="ids"') == 2 and "3件中 1–2件目（1/2ページ）" in first
    assert 'href="/prime/approvals?page=2' in first
    second = client.get("/prime/approvals?page=2").text
    assert second.count('name="ids"') == 1 and 'rel="prev"' in second
    assert client.get("/prime/approvals?page=abc").text.count('name="ids"') == 2
    assert "3件中 3–3件目（2/2ページ）" in client.get("/prime/approvals?page=99999999999999999999").text


def test_a_roster_search_restored_from_history_is_the_whole_page(app):
    t = three_tiers()
    employee(t["second"], "配管", "一郎")
    c2 = t["contracts"]["second"]
    client = as_company(app, t["admins"]["second"], t["second"])
    url = f"/company/contracts/{c2.id}/roster/search?q=配管"
    assert client.get(url, headers=HX).text.lstrip().startswith('<div id="candidates"')
    restored = client.get(url, headers=RESTORE)
    assert _whole(restored) and "配管 一郎" in restored.text and 'id="roster-form"' in restored.text


def test_a_refused_roster_add_is_retargeted_over_the_form(app):
    t = three_tiers()
    c2 = t["contracts"]["second"]
    client = as_company(app, t["admins"]["second"], t["second"])
    r = client.post(f"/company/contracts/{c2.id}/roster", data={"position": "3"}, headers=HX)
    assert r.status_code == 400 and not _whole(r)
    assert (r.headers["HX-Retarget"], r.headers["HX-Reswap"]) == ("#roster-form", "outerHTML")
    page = client.post(f"/company/contracts/{c2.id}/roster", data={"position": "3"})
    assert page.status_code == 400 and _whole(page) and "HX-Retarget" not in page.headers
