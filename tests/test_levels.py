"""能力評価: the level a worker's days, leader days and qualifications support (DOMAIN §2)."""

import datetime as dt

import pytest

from models.history.levels import (
    LevelRule,
    WorkerLevel,
    _norm,
    evaluate,
    evaluate_all,
    progress,
    rules_by_trade,
    seed_rules,
)
from models.sites.records import WorkRecord
from tests import factories


@pytest.fixture
def table(app):
    with app.app_context():
        seed_rules()
        yield rules_by_trade()


# (trade, days, leader days, qualifications held, expected level, next level, what is missing)
CASES = [
    # electrician (日本電設工業協会): L2 645 + 第二種, L3 1,075 + 第一種 + 215 leader, L4 2,150 + 645 leader + 基幹
    ("0701", 0, 0, [], 1, 2, [("days", 645), ("qualification", "第二種電気工事士 / 第一種電気工事士")]),
    (
        "0701",
        645,
        0,
        ["第二種電気工事士"],
        2,
        3,
        [("days", 430), ("leader_days", 215), ("qualification", "第一種電気工事士")],
    ),
    ("0701", 644, 0, ["第二種電気工事士"], 1, 2, [("days", 1)]),
    (
        "0701",
        1075,
        215,
        ["第一種電気工事士"],
        3,
        4,
        [("days", 1075), ("leader_days", 430), ("qualification", "登録電気工事基幹技能者 / 建設マスター / 現代の名工")],
    ),
    ("0701", 2150, 645, ["第一種電気工事士", "登録電気工事基幹技能者"], 4, None, []),
    # cumulative: level-4 papers and days without the level-3 licence stay at level 2
    ("0701", 2150, 645, ["第二種電気工事士", "建設マスター"], 2, 3, [("qualification", "第一種電気工事士")]),
    # とび: L2 needs 645 days and both courses; L3 1,720 days + 1級とび技能士 + 215 leader days
    ("0101", 700, 0, ["玉掛技能講習"], 1, 2, [("qualification", "職長・安全衛生責任者教育 / 職長安全衛生教育")]),
    (
        "0101",
        700,
        0,
        ["玉掛技能講習", "職長・安全衛生責任者教育"],
        2,
        3,
        [("days", 1020), ("leader_days", 215), ("qualification", "1級とび技能士")],
    ),
    # a trade without its own rows takes the typical thresholds: L2 645, L3 1,505 + 215 leader days
    ("0201", 1505, 214, [], 2, 3, [("leader_days", 1)]),
    ("0201", 1505, 215, [], 3, None, []),
]


@pytest.mark.parametrize(("trade", "days", "leader", "held", "level", "next_level", "missing"), CASES)
def test_level_and_what_is_missing(table, trade, days, leader, held, level, next_level, missing):
    ladder = table.get(trade) or table["*"]
    held = [_norm(name) for name in held]
    assert evaluate(ladder, days, leader, held) == (level, next_level, missing)


def test_full_width_qualification_names_match(table):
    """A certificate typed with full-width digits still counts (NFKC)."""

    got = evaluate(table["0701"], 645, 0, [_norm("第２種　電気工事士")])
    assert got[0] == 2


def _records(worker, site, start, days, trade="0201", position="3"):
    WorkRecord.insert_many(
        [
            {
                "worker": worker,
                "site": site,
                "work_date": start + dt.timedelta(days=i),
                "trade": trade,
                "position": position,
                "source": "card",
            }
            for i in range(days)
        ]
    ).execute()


def test_progress_counts_days_per_trade_and_leader_days(app):
    with app.app_context():
        seed_rules()
        data = factories.site_with_worker()
        worker, site = data["worker"], data["site"]
        _records(worker, site, dt.date(2020, 1, 1), 600, position="3")
        _records(worker, site, dt.date(2022, 1, 1), 50, position="1")  # 職長
        _records(worker, site, dt.date(2023, 1, 1), 3, trade="0301")
        rows = {r["trade"]: r for r in progress(worker)}
        assert rows["0201"]["days"] == 650 and rows["0201"]["leader_days"] == 50
        assert rows["0201"]["level"] == 2 and rows["0201"]["missing"] == [("days", 855), ("leader_days", 165)]
        assert rows["0301"]["days"] == 3 and rows["0301"]["level"] == 1


def test_nightly_evaluation_reports_a_rise_once(app):
    with app.app_context():
        seed_rules()
        data = factories.site_with_worker()
        worker, site = data["worker"], data["site"]
        _records(worker, site, dt.date(2020, 1, 1), 644)
        assert evaluate_all() == []
        _records(worker, site, dt.date(2023, 1, 1), 1)
        assert evaluate_all() == [(worker.id, "0201", 1, 2)]
        assert evaluate_all() == []  # told once
        assert WorkerLevel.get(worker=worker.id, trade="0201").level == 2


def test_staff_edits_survive_reseeding(app):
    with app.app_context():
        seed_rules()
        rule = LevelRule.get(trade="*", level=2)
        rule.min_days = 600
        rule.save()
        seed_rules()
        assert LevelRule.get(trade="*", level=2).min_days == 600


def test_worker_sees_level_and_what_is_missing(client, app):
    with app.app_context():
        seed_rules()
        data = factories.site_with_worker()
        _records(data["worker"], data["site"], dt.date(2020, 1, 1), 600)
    factories.login(client, data["account"])
    page = client.get("/worker/level").get_data(as_text=True)
    assert "型枠工（CareerUp独自コード） — レベル1" in page
    assert "就業日数 あと 45日" in page
    client.get("/lang/en")
    page = client.get("/worker/level").get_data(as_text=True)
    assert "45 more days worked" in page


def test_nightly_job_mails_the_worker_once(app, outbox):
    from tasks.levels import evaluate_and_notify

    with app.app_context():
        seed_rules()
        data = factories.site_with_worker()
        _records(data["worker"], data["site"], dt.date(2020, 1, 1), 645)
        assert evaluate_and_notify() == 1
        assert evaluate_and_notify() == 0
    mails = [m for m in outbox.messages() if "レベル" in m["Subject"]]
    assert len(mails) == 1 and "型枠工（CareerUp独自コード） でレベル2" in mails[0].get_content()


def test_staff_edit_a_rule_and_the_worker_page_follows(client, app):
    with app.app_context():
        seed_rules()
        data = factories.site_with_worker()
        _records(data["worker"], data["site"], dt.date(2020, 1, 1), 600)
        staff = factories.reviewer()
        rule_id = LevelRule.get(trade="*", level=2).id
    factories.login(client, staff)
    assert "yumetas-office" in client.get("/reviewer/level-rules").get_data(as_text=True)
    bad = client.post(f"/reviewer/level-rules/{rule_id}", data={"min_days": "abc", "source": "改定"})
    assert bad.status_code == 422 and "改定" in bad.get_data(as_text=True)  # what was typed is kept
    ok = client.post(
        f"/reviewer/level-rules/{rule_id}",
        data={"min_days": "６００", "min_leader_days": "0", "qualifications": "", "source": "改定 2026"},
    )
    assert ok.status_code == 303
    dup = client.post("/reviewer/level-rules", data={"trade": "*", "level": "2", "min_days": "1"})
    assert "すでにあります" in dup.get_data(as_text=True)
    client.post("/logout")
    factories.login(client, data["account"])
    assert "レベル2" in client.get("/worker/level").get_data(as_text=True)


def test_only_staff_edit_rules(client, app):
    with app.app_context():
        seed_rules()
        data = factories.site_with_worker()
        rule_id = LevelRule.get(trade="*", level=2).id
    factories.login(client, data["account"])
    assert client.post(f"/reviewer/level-rules/{rule_id}", data={"min_days": "1"}).status_code in (302, 403, 404)
    with app.app_context():
        assert LevelRule.get_by_id(rule_id).min_days == 645


def test_certified_prior_experience_counts_until_march_2029(client, app):
    from models.history.experience import PriorExperience, state

    with app.app_context():
        seed_rules()
        data = factories.site_with_worker()
        _records(data["worker"], data["site"], dt.date(2024, 1, 1), 200)
    factories.login(client, data["account"])
    r = client.post(
        "/worker/experience",
        data={"trade": "0201", "years": "2", "months": "0", "company": data["sub"].id, "description": "型枠工事に2年"},
    )
    assert r.status_code == 303
    bad = client.post(
        "/worker/experience",
        data={"trade": "0201", "years": "0", "months": "0", "company": data["sub"].id, "description": "ゼロ"},
    )
    assert bad.status_code == 422 and "1か月以上" in bad.get_data(as_text=True)
    with app.app_context():
        assert progress(data["worker"])[0]["level"] == 1  # stated, not yet certified
    client.post("/switch", data={"target": f"company:{data['sub'].id}"})
    assert "型枠工事に2年" in client.get("/company/experience").get_data(as_text=True)
    with app.app_context():
        exp_id = PriorExperience.get().id
    client.post(f"/company/experience/{exp_id}", data={"action": "certify"})
    with app.app_context():
        row = {r["trade"]: r for r in progress(data["worker"], dt.date(2029, 3, 31))}["0201"]
        assert (row["days"], row["prior_days"], row["level"]) == (200, 430, 1)
        later = {r["trade"]: r for r in progress(data["worker"], dt.date(2029, 4, 1))}["0201"]
        assert later["prior_days"] == 0
        # an employer the worker does not belong to cannot be asked
        other, _admin = factories.company(name="無関係建設株式会社")
        with pytest.raises(Exception) as e:
            state(data["worker"], "0201", 1, 0, "", other)
        assert e.value.code == "not_employer"
    assert "証明されたCCUS以前の経歴 430日" in client.get("/worker/level").get_data(as_text=True)


def test_a_supported_level_leads_to_a_card_in_its_colour(client, app):
    from models import Card, CardRequest, Invoice
    from models.registration.settlement import settle

    with app.app_context():
        seed_rules()
        data = factories.site_with_worker()
        _records(data["worker"], data["site"], dt.date(2020, 1, 1), 300)
    factories.login(client, data["account"])
    refused = client.post("/worker/level/apply", data={"trade": "0201"}, follow_redirects=True)
    assert "届いていません" in refused.get_data(as_text=True)
    with app.app_context():
        _records(data["worker"], data["site"], dt.date(2022, 1, 1), 345)
    page = client.get("/worker/level").get_data(as_text=True)
    assert 'data-testid="apply-level-0201"' in page
    r = client.post("/worker/level/apply", data={"trade": "0201"})
    assert r.status_code == 303 and "/worker/card" in r.headers["Location"]
    assert "レベル変更（能力評価）" in client.get("/worker/card").get_data(as_text=True)
    with app.app_context():
        request = CardRequest.get(CardRequest.kind == "level")
        assert request.target_level == 2
        staff = factories.reviewer()
        request.advance("approved", staff, dt.date(2026, 11, 26))
        request.advance("awaiting_payment", staff, dt.date(2026, 11, 26))
        invoice = Invoice.get(Invoice.card_request_ref == request.id)
        assert invoice.purpose == "level_card"
        settle(invoice, staff, dt.date(2026, 11, 27))
        CardRequest.get_by_id(request.id).advance("made", staff, dt.date(2026, 11, 27))
        card = Card.latest_for(data["worker"])
        assert (card.level, card.colour) == (2, "blue")


def _marked():
    from models.history.levels import LevelDirty

    return {w for (w,) in LevelDirty.select(LevelDirty.worker).tuples()}


def test_issue_19_the_nightly_evaluation_reads_only_the_workers_whose_data_changed(app):
    """Totals are re-read only for workers marked in the same transaction as their change (records,
    qualifications, rules); the run works in batches, so its memory is bounded by the batch size."""
    from extensions import db
    from models import Qualification

    with app.app_context():
        seed_rules()
        data = factories.site_with_worker()
        worker, site = data["worker"], data["site"]
        _records(worker, site, dt.date(2020, 1, 1), 700)
        evaluate_all()
        assert _marked() == set()
        with pytest.raises(RuntimeError), db.atomic():  # a change rolled back marks nobody
            _records(worker, site, dt.date(2024, 1, 1), 1)
            raise RuntimeError
        assert _marked() == set()
        Qualification.create(worker=worker, kind="license", name="玉掛技能講習")
        assert _marked() == {worker.id}
        evaluated = []
        from models.history import levels

        real = levels.evaluate_workers
        levels.evaluate_workers = lambda ids, *a: evaluated.append(list(ids)) or real(ids, *a)
        try:
            evaluate_all()
            assert evaluated == [[worker.id]]
            evaluated.clear()
            evaluate_all()
            assert evaluated == []  # nothing changed since
            LevelRule.update(min_days=600).where((LevelRule.trade == "*") & (LevelRule.level == 2)).execute()
            assert worker.id in _marked()  # a rule change reads every approved worker again
            sizes = []
            evaluate_all(batch=1, on_batch=sizes.append)
            assert sizes and set(sizes) == {1} and _marked() == set()
        finally:
            levels.evaluate_workers = real


def test_issue_19_a_change_made_while_its_batch_is_evaluated_is_read_again(app):
    from models.history import levels

    with app.app_context():
        seed_rules()
        data = factories.site_with_worker()
        worker, site = data["worker"], data["site"]
        _records(worker, site, dt.date(2020, 1, 1), 644)
        real = levels.evaluate_workers

        def racing(ids, *a):
            result = real(ids, *a)
            _records(worker, site, dt.date(2023, 1, 1), 1)  # a touch lands mid-run
            return result

        levels.evaluate_workers = racing
        try:
            assert evaluate_all() == []
        finally:
            levels.evaluate_workers = real
        assert _marked() == {worker.id}
        assert evaluate_all() == [(worker.id, "0201", 1, 2)]
