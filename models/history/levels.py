"""能力評価 (level evaluation): a rules table per trade and the level a worker's data supports.

Levels are cumulative: level 3 also needs everything level 2 asks for (DOMAIN §2). A rule row says,
for one trade and level, the days worked (215 days = 1 year), the days as 職長/班長, and the
qualifications needed; a qualification line "A|B" is met by either.
"""

import unicodedata
from collections import defaultdict

from peewee import SQL, Case, CharField, IntegerField, Model, TextField, Tuple, fn

from extensions import db
from models.accounts.notices import NoticeLog
from models.accounts.workers import Qualification, Worker
from models.core.base import BaseModel
from models.core.clock import today, utcnow
from models.core.errors import DomainError
from models.history.experience import COUNTS_UNTIL, certified_days
from models.sites.records import WorkRecord

DAYS_PER_YEAR = 215
LEADER_POSITIONS = ("1", "2")  # 職長, 班長 (codes.POSITIONS)
DEFAULT_TRADE = "*"  # the typical thresholds, for trades without their own rows


class LevelRule(BaseModel):
    trade = CharField()  # 職種 code, or "*" for the typical thresholds
    level = IntegerField()  # 2..4 (level 1 needs nothing)
    min_days = IntegerField(default=0)
    min_leader_days = IntegerField(default=0)  # days as 職長 or 班長
    qualifications = TextField(default="")  # one requirement per line; "A|B" = either
    source = CharField(default="")  # where the row comes from

    class Meta:
        indexes = ((("trade", "level"), True),)

    def requirements(self):
        return [[alt.strip() for alt in line.split("|") if alt.strip()] for line in self.qualifications.splitlines()]


# Seeded from DOMAIN §2; staff edit the table, each row keeps its source.
SEED_RULES = [
    ("*", 2, 645, 0, "", "typical thresholds (yumetas-office 2022)"),
    ("*", 3, 1505, 215, "", "typical thresholds (yumetas-office 2022)"),
    ("0101", 2, 645, 0, "玉掛技能講習\n職長・安全衛生責任者教育|職長安全衛生教育", "とび (ccus-hike.net post-378)"),
    ("0101", 3, 1720, 215, "1級とび技能士", "とび (ccus-hike.net post-378)"),
    ("0701", 2, 645, 0, "第二種電気工事士|第一種電気工事士", "電気工事 (日本電設工業協会, imamoto.biz)"),
    ("0701", 3, 1075, 215, "第一種電気工事士", "電気工事 (日本電設工業協会, imamoto.biz)"),
    (
        "0701",
        4,
        2150,
        645,
        "登録電気工事基幹技能者|建設マスター|現代の名工",
        "電気工事 (日本電設工業協会, imamoto.biz)",
    ),
    ("0601", 2, 645, 0, "2級内装仕上げ施工技能士|1級内装仕上げ施工技能士", "内装 (gyoseisyosi.jp)"),
]


def seed_rules():
    """Insert the seeded rows that are not in the table yet (staff edits are kept)."""
    with db.atomic():
        for trade, level, days, leader, quals, source in SEED_RULES:
            LevelRule.insert(
                trade=trade, level=level, min_days=days, min_leader_days=leader, qualifications=quals, source=source
            ).on_conflict_ignore().execute()


_KANJI_DIGITS = str.maketrans("一二三四五", "12345")


def _norm(text):
    """第２種 / 第2種 / 第二種 and 一級 / 1級 compare equal; spaces and case are ignored."""
    return unicodedata.normalize("NFKC", text or "").translate(_KANJI_DIGITS).replace(" ", "").lower()


def rules_by_trade():
    """{trade: {level: rule}}, the typical rows under "*"."""
    table = defaultdict(dict)
    for rule in LevelRule.select():
        table[rule.trade][rule.level] = rule
    return table


def _ladder(table, trade):
    return table.get(trade) or table.get(DEFAULT_TRADE) or {}


def missing_for(rule, days, leader_days, held):
    """What the worker still lacks for one rule: [(kind, value)], empty when met."""
    missing = []
    if days < rule.min_days:
        missing.append(("days", rule.min_days - days))
    if leader_days < rule.min_leader_days:
        missing.append(("leader_days", rule.min_leader_days - leader_days))
    for alternatives in rule.requirements():
        if not any(_norm(alt) in name for alt in alternatives for name in held):
            missing.append(("qualification", " / ".join(alternatives)))
    return missing


def evaluate(ladder, days, leader_days, held):
    """(level the data supports, next level or None, what is missing for it)."""
    level = 1
    for lvl in sorted(ladder):
        gaps = missing_for(ladder[lvl], days, leader_days, held)
        if gaps:
            return level, lvl, gaps
        level = lvl
    return level, None, []


def day_counts(worker_ids=None):
    """{(worker_id, trade): (days, leader_days)} from counted work records, in one query."""
    is_leader = WorkRecord.position.in_(LEADER_POSITIONS)
    query = WorkRecord.select(
        WorkRecord.worker,
        WorkRecord.trade,
        fn.COUNT(fn.DISTINCT(WorkRecord.work_date)).alias("days"),
        fn.COUNT(fn.DISTINCT(Case(None, [(is_leader, WorkRecord.work_date)], None))).alias("leader_days"),
    ).where(WorkRecord.trade != "")
    query = counted(query)
    if worker_ids is not None:
        query = query.where(WorkRecord.worker.in_(worker_ids))
    return {
        (r.worker_id, r.trade): (r.days, r.leader_days) for r in query.group_by(WorkRecord.worker, WorkRecord.trade)
    }


def counted(query):
    """Only records that count toward levels (approved manual entries join this rule when they exist)."""
    return query


def held_qualifications(worker_ids=None):
    query = Qualification.select(Qualification.worker, Qualification.name)
    if worker_ids is not None:
        query = query.where(Qualification.worker.in_(worker_ids))
    held = defaultdict(list)
    for q in query:
        held[q.worker_id].append(_norm(q.name))
    return held


class WorkerLevel(BaseModel):
    """The last nightly evaluation per worker and trade, so a rise can be told once."""

    worker = IntegerField(index=True)  # Worker id; rows go with the worker
    trade = CharField()
    level = IntegerField(default=1)
    evaluated_at = CharField(default="")

    class Meta:
        indexes = ((("worker", "trade"), True),)


def progress(worker, day=None):
    """Per trade the worker has days in (or their main trade): level, next level and what is missing.
    Certified pre-CCUS experience is added while it counts and reported apart (`prior_days`)."""
    table = rules_by_trade()
    counts = day_counts([worker.id])
    prior = certified_days([worker.id], day or today())
    held = held_qualifications([worker.id]).get(worker.id, [])
    trades = {t for (_, t) in counts} | {t for (_, t) in prior} | ({worker.main_trade} if worker.main_trade else set())
    rows = []
    for trade in sorted(trades):
        days, leader_days = counts.get((worker.id, trade), (0, 0))
        prior_days = prior.get((worker.id, trade), 0)
        level, next_level, gaps = evaluate(_ladder(table, trade), days + prior_days, leader_days, held)
        rows.append(
            {
                "trade": trade,
                "days": days,
                "prior_days": prior_days,
                "leader_days": leader_days,
                "level": level,
                "next_level": next_level,
                "missing": gaps,
            }
        )
    return rows


class LevelDirty(Model):
    """A worker whose level may have changed: marked by database triggers (migration 092) in the same
    transaction as any change to their records, qualifications, certified experience, status or main
    trade, and for every approved worker when the rules change. The nightly evaluation reads only these."""

    worker = IntegerField(primary_key=True, column_name="worker_id")
    generation = IntegerField()

    class Meta:
        database = db
        table_name = "level_dirty"


def mark_all_changed():
    """Every approved worker to be evaluated again (e.g. when certified experience stops counting)."""
    approved = Worker.select(Worker.id, SQL("1")).where(Worker.status == "approved")
    LevelDirty.insert_from(approved, [LevelDirty.worker, LevelDirty.generation]).on_conflict(
        conflict_target=[LevelDirty.worker], update={LevelDirty.generation: LevelDirty.generation + 1}
    ).execute()


def evaluate_workers(worker_ids, table, day):
    """Evaluates the given workers set-based; returns [(worker_id, trade, old, new)] for rises."""
    counts = day_counts(worker_ids)
    prior = certified_days(worker_ids, day)
    held = held_qualifications(worker_ids)
    known = {
        (w.worker, w.trade): w.level
        for w in WorkerLevel.select(WorkerLevel.worker, WorkerLevel.trade, WorkerLevel.level).where(
            WorkerLevel.worker.in_(worker_ids)
        )
    }
    main = dict(
        Worker.select(Worker.id, Worker.main_trade)
        .where((Worker.status == "approved") & Worker.id.in_(worker_ids))
        .tuples()
    )
    keys = {k for k in list(counts) + list(prior) if k[0] in main} | {(wid, t) for wid, t in main.items() if t}
    rises, rows, stamp = [], [], utcnow().isoformat(timespec="seconds")
    for wid, trade in sorted(keys):
        days, leader_days = counts.get((wid, trade), (0, 0))
        days += prior.get((wid, trade), 0)
        level, _, _ = evaluate(_ladder(table, trade), days, leader_days, held.get(wid, []))
        old = known.get((wid, trade), 1)
        if level > old:
            rises.append((wid, trade, old, level))
        if level != known.get((wid, trade)):
            rows.append({"worker": wid, "trade": trade, "level": level, "evaluated_at": stamp})
    if rows:
        WorkerLevel.insert_many(rows).on_conflict(
            conflict_target=[WorkerLevel.worker, WorkerLevel.trade],
            preserve=[WorkerLevel.level, WorkerLevel.evaluated_at],
        ).execute()
    return rises


def evaluate_all(batch=2000, day=None, on_batch=None):
    """Evaluates every worker marked as changed, `batch` workers a transaction (memory bounded by the
    batch, not the register); returns [(worker_id, trade, old, new)] for rises. A mark made while a batch
    was evaluated stays (its generation moved on), so that worker is read again by the next batch or run."""
    day = day or today()
    if day > COUNTS_UNTIL and NoticeLog.claim("levels_prior_experience_ended", "all", None, day):
        mark_all_changed()  # certified pre-CCUS experience stops counting: everyone is read again once
    table = rules_by_trade()
    rises, after = [], 0
    while True:
        marks = list(
            LevelDirty.select(LevelDirty.worker, LevelDirty.generation)
            .where(LevelDirty.worker > after)
            .order_by(LevelDirty.worker)
            .limit(batch)
            .tuples()
        )
        if not marks:
            return rises
        with db.atomic():
            rises += evaluate_workers([w for w, _ in marks], table, day)
            LevelDirty.delete().where(Tuple(LevelDirty.worker, LevelDirty.generation).in_(marks)).execute()
        after = marks[-1][0]
        if on_batch:
            on_batch(len(marks))


class LevelRuleError(DomainError):
    pass


def add_rule(trade, level, min_days, min_leader_days, qualifications, source):
    """A staff-added row; one row per trade and level."""
    if LevelRule.select().where((LevelRule.trade == trade) & (LevelRule.level == level)).exists():
        raise LevelRuleError("duplicate")
    return LevelRule.create(
        trade=trade,
        level=level,
        min_days=min_days,
        min_leader_days=min_leader_days,
        qualifications=qualifications.strip(),
        source=source.strip(),
    )


def apply_for_level(worker, trade, day, actor=None):
    """The worker asks for the level their data supports in `trade`: a card request of kind "level"
    that runs through the gold-card steps (approved → paid → a new card in the level's colour)."""
    from models.cards.cards import Card, CardRequest, CardRequestError, CardRequestEvent

    row = next((r for r in progress(worker, day) if r["trade"] == trade), None)
    card = Card.latest_for(worker)
    if row is None or card is None or not card.usable or row["level"] <= card.level:
        raise CardRequestError("level")
    if card.valid_until < day:
        raise CardRequestError("expired")
    if CardRequest.open_of(worker, "level") is not None:
        raise CardRequestError("already_open")
    with db.atomic():
        request = CardRequest.create(
            worker=worker, kind="level", reason=trade, detail="", target_level=row["level"], updated_at=utcnow()
        )
        CardRequestEvent.create(request=request, status="requested", actor=actor)
    return request
