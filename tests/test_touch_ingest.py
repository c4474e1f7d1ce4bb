"""Which touches count (the trust rule), atomic first-in/last-out under concurrency, and bad items
that get their own error while the rest of the batch is stored."""

import datetime as dt
import threading

import pytest
import time_machine

import tests.factories as f
from models import Card, Site, SiteContract, WorkRecord
from models.core.clock import JST, now_jst
from models.sites.records import Touch, deadline_for


@pytest.fixture(autouse=True)
def _midday_jst():
    """ "A few hours ago" stays on today's JST date, whatever time the suite runs (it failed 00:00–02:00 JST)."""
    with time_machine.travel(now_jst().replace(hour=12, minute=0), tick=True):
        yield


def post(client, token, items):
    return client.post("/api/v1/touches", json={"touches": items}, headers={"Authorization": f"Bearer {token}"})


def item(the_card, event_id, when, direction="in", **over):
    return {"event_id": event_id, "card": the_card.idm, "direction": direction, "at": when.isoformat(), **over}


def recent(hours_ago=1):
    return now_jst().replace(microsecond=0) - dt.timedelta(hours=hours_ago)


def stranger():
    """An approved worker with an enrolled card who is on no roster of the site."""
    _acc, _company, worker = f.one_person(family="佐藤", given="花子")
    card = worker.cards.get()
    card.enrol_serial(f.serial())
    return worker, card


def test_a_card_off_the_roster_is_kept_unassigned_and_never_named(client):
    w = f.site_with_worker()
    worker, card = stranger()
    r = post(client, w["token"], [item(card, "s1", recent()), item(w["card"], "w1", recent())])
    assert [x["status"] for x in r.json["results"]] == ["unassigned", "created"]
    assert r.json["results"][0]["notice"]["code"] == "not_on_roster"
    assert "佐藤" not in r.text and "山田" not in r.text and worker.worker_id not in r.text
    assert WorkRecord.select().where(WorkRecord.worker == worker).count() == 0
    f.login(client, w["prime_admin"])
    page = client.get(f"/prime/sites/{w['site'].id}/presence")
    assert "未登録のカード × 1" in page.text and "佐藤" not in page.text


def test_an_unassigned_touch_becomes_a_record_when_the_worker_joins_the_roster_in_time(client):
    w = f.site_with_worker()
    worker, card = stranger()
    when = recent()
    post(client, w["token"], [item(card, "s1", when, "in")])
    acc, sub = w["account"], w["sub"]
    from models.accounts.workers import Affiliation

    Affiliation.create(worker=worker, company=sub)
    f.put_on_roster(w["contract"], worker, position="2", trade="0201")
    # The next batch from any reader of the site folds it in.
    post(client, w["token"], [item(w["card"], "w1", recent())])
    record = WorkRecord.get(WorkRecord.worker == worker)
    assert record.trade == "0201" and record.first_in == when.replace(tzinfo=None)
    assert Touch.get(Touch.event_id == "s1").status == "counted"
    assert acc


def test_rostered_after_the_deadline_stays_unassigned(client):
    w = f.site_with_worker()
    worker, card = stranger()
    old = dt.datetime(2026, 9, 10, 8, 0, tzinfo=JST)
    # It arrived in time (received on 10 Oct) ...
    from models.history.ingest import ingest
    from models.sites.api_tokens import Caller

    result = ingest(Caller.for_reader(w["reader"]), [item(card, "late", old)], now=old + dt.timedelta(days=30))
    assert result[0]["status"] == "unassigned"
    # ... but the worker was put on the roster only after 31 October.
    from models.accounts.workers import Affiliation

    Affiliation.create(worker=worker, company=w["sub"])
    entry = f.put_on_roster(w["contract"], worker, position="2", trade="0201")
    assert deadline_for(old.date()) == dt.date(2026, 10, 31) and entry.created_at.date() > dt.date(2026, 10, 31)
    post(client, w["token"], [item(w["card"], "w1", recent())])
    assert WorkRecord.select().where(WorkRecord.worker == worker).count() == 0
    assert Touch.get(Touch.event_id == "late").status == "unassigned"


def test_future_outside_accrual_and_past_deadline_have_their_own_codes(client):
    w = f.site_with_worker()
    today = now_jst().date()
    Site.update(accrual_starts_on=today - dt.timedelta(days=3)).where(Site.id == w["site"].id).execute()
    long_ago = dt.datetime(2020, 1, 6, 8, 0, tzinfo=JST)
    r = post(
        client,
        w["token"],
        [
            item(w["card"], "future", now_jst() + dt.timedelta(minutes=30)),
            item(w["card"], "soon", now_jst() + dt.timedelta(minutes=2)),
            item(w["card"], "before-accrual", now_jst() - dt.timedelta(days=5)),
            item(w["card"], "old", long_ago),
            item(w["card"], "1900", dt.datetime(1900, 1, 1, 8, tzinfo=JST)),
        ],
    )
    codes = [x.get("error", {}).get("code") or x["status"] for x in r.json["results"]]
    assert codes == ["future_time", "created", "outside_accrual", "past_deadline", "past_deadline"]
    assert all(x["error"]["message"] and x["error"]["message_en"] for x in r.json["results"] if "error" in x)
    assert WorkRecord.select().count() == 1


def test_bad_items_get_their_own_error_and_the_rest_is_stored(client):
    w = f.site_with_worker()
    good = recent()
    items = [
        item(w["card"], "a", good, at="0001-01-01T00:00:00+09:00"),
        item(w["card"], "b", good, at="9999-12-31T23:59:59-10:00"),
        item(w["card"], "\ud800", good),
        item(w["card"], "nul\x00", good),
        item(w["card"], "x" * 65, good),
        item(w["card"], "x" * 64 + "y", good),
        item(w["card"], "c", good, card="01\x002E"),
        item(w["card"], "d", good, site_id="3\x00"),
        item(w["card"], "x" * 64, good),
        item(w["card"], "after", good + dt.timedelta(minutes=1), "out"),
    ]
    r = post(client, w["token"], items)
    assert r.status_code == 200
    codes = [x.get("error", {}).get("code") or x["status"] for x in r.json["results"]]
    assert codes == [
        "bad_time",
        "bad_time",
        "bad_event_id",
        "bad_event_id",
        "bad_event_id",
        "bad_event_id",
        "bad_card",
        "site_mismatch",
        "created",
        "created",
    ]
    assert Touch.select().count() == 2 and WorkRecord.get().last_out is not None


def test_a_body_nested_5000_deep_is_a_bad_request(client):
    w = f.site_with_worker()
    body = '{"touches": ' + "[" * 5000 + "]" * 5000 + "}"
    r = client.post(
        "/api/v1/touches",
        data=body,
        headers={"Authorization": f"Bearer {w['token']}", "Content-Type": "application/json"},
    )
    assert r.status_code == 400 and r.json["error"]["code"] == "bad_request"


def test_a_revoked_or_rotated_token_stops_at_once(client):
    from models.sites.api_tokens import revoke_reader, rotate_reader

    w = f.site_with_worker()
    new = rotate_reader(w["reader"])
    assert post(client, w["token"], [item(w["card"], "a", recent())]).status_code == 401
    assert post(client, new, [item(w["card"], "a", recent())]).json["results"][0]["status"] == "created"
    revoke_reader(w["reader"])
    assert post(client, new, [item(w["card"], "b", recent())]).status_code == 401


def test_a_card_without_an_enrolled_serial_is_not_usable(client):
    w = f.site_with_worker()
    assert Card.get_by_id(w["card"].id).usable
    Card.update(idm=None).where(Card.id == w["card"].id).execute()
    assert not Card.get_by_id(w["card"].id).usable
    r = post(
        client,
        w["token"],
        [{"event_id": "a", "worker_id": w["worker"].worker_id, "direction": "in", "at": recent().isoformat()}],
    )
    assert r.json["results"][0]["error"]["code"] == "unknown_card"


def test_ten_threads_for_one_worker_and_day_keep_the_earliest_in_and_the_latest_out(app):
    w = f.site_with_worker()
    base = recent(hours_ago=10)
    rounds = 3
    for round_no in range(rounds):
        times = [base + dt.timedelta(minutes=7 * k + round_no) for k in range(10)]
        errors = []

        def send(k, times=times, round_no=round_no, errors=errors):
            client = app.test_client()
            items = [
                item(w["card"], f"r{round_no}-in-{k}", times[k], "in"),
                item(w["card"], f"r{round_no}-out-{k}", times[k] + dt.timedelta(hours=8), "out"),
            ]
            r = post(client, w["token"], items)
            if r.status_code != 200 or any(x["status"] != "created" for x in r.json["results"]):
                errors.append(r.text)

        threads = [threading.Thread(target=send, args=(k,)) for k in reversed(range(10))]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert errors == []
        record = WorkRecord.get()
        assert record.first_in == min(times).replace(tzinfo=None) - dt.timedelta(minutes=round_no)
        assert record.last_out == (max(times) + dt.timedelta(hours=8)).replace(tzinfo=None)


@pytest.mark.parametrize("batch", [1000])
def test_a_full_batch_is_stored_once_and_a_resend_is_all_duplicates(client, batch):
    w = f.site_with_worker()
    items = [
        item(w["card"], f"e{k}", recent(3) + dt.timedelta(seconds=k), "in" if k % 2 else "out") for k in range(batch)
    ]
    first = post(client, w["token"], items)
    assert first.json["accepted"] == batch and {x["status"] for x in first.json["results"]} == {"created"}
    again = post(client, w["token"], items)
    assert {x["status"] for x in again.json["results"]} == {"duplicate"}
    assert Touch.select().count() == batch and WorkRecord.select().count() == 1
    assert SiteContract.select().count() == 1


def test_the_hourly_task_turns_waiting_touches_into_records_without_another_batch(app, client):
    from models.accounts.workers import Affiliation
    from tasks.touches import promote_all

    w = f.site_with_worker()
    worker, card = stranger()
    post(client, w["token"], [item(card, "s1", recent(), "in")])
    Affiliation.create(worker=worker, company=w["sub"])
    f.put_on_roster(w["contract"], worker, position="2", trade="0201")
    with app.app_context():
        assert promote_all() == 1
        assert promote_all() == 0
    assert WorkRecord.get(WorkRecord.worker == worker).trade == "0201"


def test_entry_exit_page_shows_who_is_on_site_headcount_and_a_csv(client):
    w = f.site_with_worker()
    post(client, w["token"], [item(w["card"], "in1", recent(2), "in")])
    f.login(client, w["prime_admin"])
    page = client.get(f"/prime/sites/{w['site'].id}/presence")
    assert "いま現場にいる人（1）" in page.text and "山田 太郎" in page.text
    assert w["sub"].name in page.text.split("会社別の人数")[1]
    csv = client.get(f"/prime/sites/{w['site'].id}/presence.csv")
    assert csv.mimetype == "text/csv" and w["worker"].worker_id in csv.text and "山田 太郎" in csv.text
    post(client, w["token"], [item(w["card"], "out1", recent(1), "out")])
    assert "いま現場にいる人（0）" in client.get(f"/prime/sites/{w['site'].id}/presence").text
    assert client.get(f"/prime/sites/{w['site'].id}/presence?date=9999-12-31").status_code == 200
    assert client.get(f"/prime/sites/{w['site'].id}/presence?date=0001-01-01").status_code == 200
