"""Work history people correct and approve: entered days, corrections, multi-trade days, the prime's
approval and the deadline at the end of the month after the work date (DOMAIN §7, Q7-1, Q7-5, Q7-12)."""

import datetime as dt

import pytest

from models import WorkEntry, WorkRecord
from models.core.clock import JST, today
from models.history.ingest import parse
from models.history.work_entries import EntryError, correct_record, decide, enter_day
from models.sites.api_tokens import Caller
from models.sites.records import deadline_for
from tasks.billing import closed_month
from tests import factories


@pytest.fixture
def site(app):
    with app.app_context():
        return factories.site_with_worker()


def _switch(client, company):
    client.post("/switch", data={"target": f"company:{company.id}"})


@pytest.mark.parametrize(
    ("work_date", "last_day"),
    [
        (dt.date(2026, 1, 15), dt.date(2026, 2, 28)),
        (dt.date(2026, 1, 31), dt.date(2026, 2, 28)),
        (dt.date(2028, 1, 10), dt.date(2028, 2, 29)),
        (dt.date(2026, 11, 30), dt.date(2026, 12, 31)),
        (dt.date(2026, 12, 1), dt.date(2027, 1, 31)),
    ],
)
def test_deadline_is_the_end_of_the_month_after(work_date, last_day):
    assert deadline_for(work_date) == last_day


@pytest.mark.parametrize("work_date", [dt.date(2026, 1, 31), dt.date(2026, 11, 30), dt.date(2027, 12, 15)])
def test_a_touch_an_entry_and_an_approval_close_on_the_same_day(app, site, work_date):
    """One deadline (work_entries had its own arithmetic beside records.deadline_for): on its last day a
    card touch is still taken and a day still entered and approved; the day after, all are refused, and
    from that day the month's site fee is billed."""
    last = deadline_for(work_date)
    after = last + dt.timedelta(days=1)
    caller = Caller.for_reader(site["reader"])
    raw = {"event_id": "t1", "card": site["card"].idm, "direction": "in", "at": f"{work_date}T08:00:00"}

    def touch(day):
        return parse(caller, raw, 0, dt.datetime.combine(day, dt.time(12), tzinfo=JST))

    def enter(day):
        args = (site["account"], site["worker"], site["site"], work_date, "0201", "3", None, None, "forgot_card", "")
        return enter_day(*args, day)

    assert touch(after) == ("past_deadline", None) and touch(last).wall.date() == work_date
    with app.app_context():
        with pytest.raises(EntryError) as late:
            enter(after)
        assert late.value.code == "deadline"
        entry = enter(last)
        assert entry.deadline == last
        done, refused = decide([entry], site["prime"], site["prime_admin"], True, "", after)
        assert not done and refused[0][1] == "deadline"
        done, _ = decide([entry], site["prime"], site["prime_admin"], True, "", last)
        assert done
    assert closed_month(after) == (work_date.year, work_date.month) != closed_month(last)


def test_worker_enters_a_forgotten_day_and_the_prime_approves(client, app, site):
    yesterday = today() - dt.timedelta(days=1)
    factories.login(client, site["account"])
    page = client.post(
        "/worker/entries",
        data={
            "site": site["site"].id,
            "work_date": yesterday.isoformat(),
            "trade": "0201",
            "position": "3",
            "first_in": "08:00",
            "last_out": "17:00",
            "reason": "forgot_card",
            "note": "カードを家に忘れた",
        },
    )
    assert page.status_code == 303
    with app.app_context():
        assert not WorkRecord.select().where(WorkRecord.work_date == yesterday).exists()  # nothing counts yet
    listing = client.get("/worker/entries").get_data(as_text=True)
    assert "承認待ち" in listing
    client.post("/logout")

    factories.login(client, site["prime_admin"])
    _switch(client, site["prime"])
    queue = client.get("/prime/approvals").get_data(as_text=True)
    assert "承認待ち 1件" in queue and site["worker"].full_name in queue
    assert f"いちばん近い期限 {deadline_for(yesterday):%Y/%m/%d}" in queue
    with app.app_context():
        entry = WorkEntry.get()
    r = client.post("/prime/approvals", data={"ids": [entry.id], "action": "approve"}, headers={"HX-Request": "true"})
    assert "1件を処理しました" in r.get_data(as_text=True) and "承認待ち 0件" in r.get_data(as_text=True)
    with app.app_context():
        record = WorkRecord.get(WorkRecord.work_date == yesterday)
        assert (record.source, record.trade, record.first_in.hour, record.last_out.hour) == ("manual", "0201", 8, 17)
    client.post("/logout")
    factories.login(client, site["account"])
    assert "承認済み" in client.get("/worker/entries").get_data(as_text=True)


def test_rejection_needs_a_reason_and_the_worker_sees_it(client, app, site):
    with app.app_context():
        entry = enter_day(
            site["account"], site["worker"], site["site"], today(), "0201", "3", None, None, "no_reader", "", today()
        )
    factories.login(client, site["prime_admin"])
    _switch(client, site["prime"])
    r = client.post("/prime/approvals", data={"ids": [entry.id], "action": "reject", "note": ""})
    assert r.status_code == 422 and "差し戻す理由を入力してください" in r.get_data(as_text=True)
    client.post("/prime/approvals", data={"ids": [entry.id], "action": "reject", "note": "この日は休工日です"})
    client.post("/logout")
    factories.login(client, site["account"])
    page = client.get("/worker/entries").get_data(as_text=True)
    assert "差し戻し" in page and "この日は休工日です" in page


def test_only_the_sites_prime_can_approve(client, app, site):
    with app.app_context():
        entry = enter_day(
            site["account"], site["worker"], site["site"], today(), "0201", "3", None, None, "forgot_card", "", today()
        )
        other, other_admin = factories.company(name="別の元請株式会社")
    # the subcontractor itself (the one-person operator's company) is not the prime
    factories.login(client, site["account"])
    _switch(client, site["sub"])
    client.post("/prime/approvals", data={"ids": [entry.id], "action": "approve"})
    client.post("/logout")
    factories.login(client, other_admin)
    _switch(client, other)
    page = client.get("/prime/approvals").get_data(as_text=True)
    assert site["worker"].full_name not in page
    client.post("/prime/approvals", data={"ids": [entry.id], "action": "approve"})
    with app.app_context():
        assert WorkEntry.get_by_id(entry.id).status == "pending"
        assert not WorkRecord.select().exists()


def test_bad_entries_are_refused_with_their_reason(app, site):
    with app.app_context():
        outsider_acc, _c, outsider = factories.one_person(family="佐藤", given="次郎")
        cases = [
            ((site["worker"], site["site"], today() + dt.timedelta(days=1)), "future"),
            ((outsider, site["site"], today()), "not_on_roster"),
        ]
        for (worker, where, day), code in cases:
            with pytest.raises(EntryError) as e:
                enter_day(site["account"], worker, where, day, "0201", "3", None, None, "forgot_card", "", today())
            assert e.value.code == code
        site["site"].accrual_starts_on = today()
        site["site"].save()
        with pytest.raises(EntryError) as e:
            enter_day(
                site["account"],
                site["worker"],
                site["site"],
                today() - dt.timedelta(days=1),
                "0201",
                "3",
                None,
                None,
                "forgot_card",
                "",
                today(),
            )
        assert e.value.code == "outside_accrual"


def test_a_company_enters_for_its_roster_but_not_for_others(client, app, site):
    with app.app_context():
        other, other_admin = factories.company(name="無関係建設株式会社")
    factories.login(client, other_admin)
    _switch(client, other)
    r = client.post(
        "/company/entries",
        data={
            "site": site["site"].id,
            "worker": site["worker"].id,
            "work_date": today().isoformat(),
            "trade": "0201",
            "position": "3",
            "reason": "forgot_card",
        },
    )
    assert r.status_code == 422
    client.post("/logout")
    # the prime is above every company on its site: it may enter for them (入力代行)
    factories.login(client, site["prime_admin"])
    _switch(client, site["prime"])
    form = client.get(f"/company/entries?site={site['site'].id}").get_data(as_text=True)
    assert site["worker"].full_name in form
    r = client.post(
        "/company/entries",
        data={
            "site": site["site"].id,
            "worker": site["worker"].id,
            "work_date": today().isoformat(),
            "trade": "0201",
            "position": "3",
            "reason": "reader_broken",
        },
    )
    assert r.status_code == 303
    with app.app_context():
        entry = WorkEntry.get()
        assert entry.entering_company_id == site["prime"].id and entry.company_id == site["sub"].id


def test_multi_trade_day_and_a_correction_with_its_trail(client, app, site):
    day = today()
    with app.app_context():
        record = WorkRecord.create(
            worker=site["worker"], site=site["site"], company=site["sub"], work_date=day, trade="0201", position="3"
        )
        second = correct_record(site["account"], record, "0301", "3", "second_trade", "午後は鉄筋", day)
        fix = correct_record(site["account"], record, "0201", "1", "correction", "職長だった", day)
        with pytest.raises(EntryError) as same:
            correct_record(site["account"], record, "0201", "3", "second_trade", "", day)
        assert same.value.code == "same_trade"
        decide([second, fix], site["prime"], site["prime_admin"], True, "", day)
        rows = sorted((r.trade, r.position) for r in WorkRecord.select().where(WorkRecord.work_date == day))
        assert rows == [("0201", "1"), ("0301", "3")]
    factories.login(client, site["account"])
    trail = client.get(f"/worker/records/{record.id}/correct").get_data(as_text=True)
    assert "型枠工（CareerUp独自コード）/作業員 → 型枠工（CareerUp独自コード）/職長" in trail and "承認済み" in trail
    career = client.get("/worker/career").get_data(as_text=True)
    assert "型枠工（CareerUp独自コード）: 1" in career and "鉄筋工（CareerUp独自コード）: 1" in career


def test_yard_and_training_days_count_once_approved(app, site):
    with app.app_context():
        for reason, back in (("yard", 1), ("training", 2)):
            entry = enter_day(
                site["account"],
                site["worker"],
                site["site"],
                today() - dt.timedelta(days=back),
                "0201",
                "3",
                None,
                None,
                reason,
                "",
                today(),
            )
            decide([entry], site["prime"], site["prime_admin"], True, "", today())
        assert sorted(r.source for r in WorkRecord.select()) == ["training", "yard"]


def test_queue_filter_with_a_bad_date_is_not_an_error(client, site):
    factories.login(client, site["prime_admin"])
    _switch(client, site["prime"])
    assert client.get("/prime/approvals?day=9999-99-99&company=abc").status_code == 200


def test_the_prime_sees_the_trail_of_a_day_on_its_site_only(client, app, site):
    day = today()
    with app.app_context():
        record = WorkRecord.create(
            worker=site["worker"], site=site["site"], company=site["sub"], work_date=day, trade="0201", position="3"
        )
        fix = correct_record(site["account"], record, "0201", "1", "correction", "", day)
        decide([fix], site["prime"], site["prime_admin"], True, "", day)
        other, other_admin = factories.company(name="別の元請株式会社")
    factories.login(client, site["prime_admin"])
    _switch(client, site["prime"])
    page = client.get(f"/prime/records/{record.id}/trail").get_data(as_text=True)
    assert (
        "型枠工（CareerUp独自コード）/作業員 → 型枠工（CareerUp独自コード）/職長" in page
        and site["account"].display_name in page
    )
    client.post("/logout")
    factories.login(client, other_admin)
    _switch(client, other)
    assert client.get(f"/prime/records/{record.id}/trail").status_code == 404


def test_approved_entries_and_corrections_reach_the_records_export(app, site):
    from models.sites.records import records_since

    with app.app_context():
        _records, cursor = records_since([site["site"].id], (0, 0))
        entry = enter_day(
            site["account"], site["worker"], site["site"], today(), "0201", "3", None, None, "no_reader", "", today()
        )
        decide([entry], site["prime"], site["prime_admin"], True, "", today())
        new, cursor2 = records_since([site["site"].id], tuple(int(x) for x in cursor.split(".")) if cursor else (0, 0))
        assert [r["trade"] for r in new] == ["0201"]
        record = WorkRecord.get(WorkRecord.work_date == today())
        fix = correct_record(site["account"], record, "0301", "3", "correction", "", today())
        decide([fix], site["prime"], site["prime_admin"], True, "", today())
        changed, _ = records_since([site["site"].id], tuple(int(x) for x in cursor2.split(".")))
        assert [r["trade"] for r in changed] == ["0301"]


def test_a_day_entry_starts_from_the_workers_roster_trade_and_position(client, app, site):
    """Issue 21: 職種 and 立場 of a manual day entry default to the worker's roster values on that site
    (before, とび工 and the first 立場 for everyone), on the company's page and the worker's own."""
    from models import RosterEntry

    with app.app_context():
        RosterEntry.update(trade="0601", position="2").where(RosterEntry.worker == site["worker"].id).execute()
    factories.login(client, site["prime_admin"])
    _switch(client, site["prime"])
    form = client.get(f"/company/entries?site={site['site'].id}&worker={site['worker'].id}").text
    assert '<option selected value="0601">' in form and '<option selected value="2">' in form
    assert 'hx-include="#site"' in form  # choosing another worker reloads the defaults
    client.post("/logout")
    factories.login(client, site["account"])
    own = client.get("/worker/entries").text
    assert '<option selected value="0601">' in own and '<option selected value="2">' in own
