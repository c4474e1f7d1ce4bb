"""Batch ingestion of card touches, set-based: per batch a handful of bulk reads (existing event ids,
cards, workers, roster entries, affiliations) and bulk writes (touches, one upsert of work records,
one update of last use) in one write transaction. Each item gets its own result; a bad item never
fails the rest of the batch. Results never carry a worker's name."""

import dataclasses
import datetime as dt
import json
import re
from typing import NamedTuple

from extensions import db
from models.accounts.workers import Worker
from models.cards.cards import USABLE, Card, card_from_qr
from models.core.clock import JST, now_jst, utcnow
from models.core.ids import is_valid_id
from models.sites.records import (
    Touch,
    among,
    array,
    as_date,
    bulk_insert,
    compiled,
    deadline_for,
    employments_for,
    mark_used,
    next_record_seq,
    promote_unassigned,
    record_rows,
    rosters_for,
    upsert_records,
    write_transaction,
)

MAX_BATCH = 1000
EVENT_ID_MAX = 64
FUTURE_SLACK = dt.timedelta(minutes=5)  # a reader's clock may run a little fast
METHODS = ("reader", "nfc", "qr", "typed", "system")
SERIAL = re.compile(r"^(?:[0-9A-F]{8}|[0-9A-F]{14}|[0-9A-F]{16}|[0-9A-F]{20})$")  # UID 4/7/10 B, IDm 8 B
EVENT_ID = re.compile(r"^[\x21-\x7e]{1,%d}$" % EVENT_ID_MAX)  # printable ASCII, no spaces

# Rejection codes (the API adds the ja + en messages):
# missing_field, bad_event_id, bad_card, bad_direction, bad_time, bad_method, site_mismatch,
# unknown_card, expired_card, future_time, outside_accrual, past_deadline, not_allowed


class ReaderCard(NamedTuple):
    """What ingestion needs of a card (a light row, not a model instance)."""

    id: int
    idm: str
    worker_id: int
    status: str
    valid_until: dt.date

    @property
    def usable(self):
        return self.status in USABLE and bool(self.idm)


@dataclasses.dataclass
class Item:
    index: int
    event_id: str
    site: object
    direction: str
    wall: dt.datetime  # JST wall time
    method: str
    serial: str = ""
    worker_no: str = ""  # 技能者ID (QR or typed)
    card: object = None
    worker_id: int | None = None


def _text(raw, field):
    value = raw.get(field)
    return value.strip() if isinstance(value, str) else None


def parse_batch(body):
    """The list of touches in a JSON body {"touches": [...]}, or None. Depth bombs (RecursionError)
    and bad UTF-8 are simply not a batch."""
    try:
        payload = json.loads(body)
    except (ValueError, RecursionError):
        return None
    items = payload.get("touches") if isinstance(payload, dict) else None
    return items if isinstance(items, list) and items else None


def parse(caller, raw, index, now):
    """An Item, or a rejection code (with the field for missing_field)."""
    if not isinstance(raw, dict):
        return "missing_field", "event_id"
    event_id = raw.get("event_id")
    if not isinstance(event_id, str) or not event_id:
        return "missing_field", "event_id"
    if not EVENT_ID.match(event_id):
        return "bad_event_id", None
    site_no = _text(raw, "site_id")
    if site_no:
        site = caller.sites.get(site_no)
        if site is None:
            return "site_mismatch", None
    elif caller.default_site is not None:
        site = caller.default_site
    else:
        return "missing_field", "site_id"
    direction = raw.get("direction")
    if direction not in ("in", "out"):
        return ("missing_field", "direction") if direction is None else ("bad_direction", None)
    method = raw.get("method", caller.method)
    if method not in METHODS:
        return "bad_method", None
    at = raw.get("at")
    if not isinstance(at, str) or not at.strip():
        return "missing_field", "at"
    wall = parse_time(at)
    if wall is None:
        return "bad_time", None
    item = Item(index, event_id, site, direction, wall, method)
    serial, qr, worker_no = _text(raw, "card"), _text(raw, "qr"), _text(raw, "worker_id")
    if serial:
        item.serial = serial.upper().replace(" ", "").replace(":", "")
        if not SERIAL.match(item.serial):
            return "bad_card", None
    elif qr:
        item.worker_no = card_from_qr(qr, caller.qr_keys) if caller.qr_keys else None
        if not item.worker_no:
            return "bad_card", None
    elif worker_no:
        if not is_valid_id(worker_no):
            return "bad_card", None
        item.worker_no = worker_no
    else:
        return "missing_field", "card"
    if wall.replace(tzinfo=JST) > now + FUTURE_SLACK:
        return "future_time", None
    if now.astimezone(JST).date() > deadline_for(wall.date()):
        return "past_deadline", None
    if not site.accrues_on(wall.date()):
        return "outside_accrual", None
    return item


def parse_time(text):
    """ISO 8601 (a time without an offset is Japan's) as naive JST wall time to the second; None when
    malformed or when the moment cannot be placed in Japan (0001-01-01T00:00:00+09:00 and such)."""
    if len(text) > 40:
        return None
    try:
        moment = dt.datetime.fromisoformat(text.strip())
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=JST)
        return moment.astimezone(JST).replace(tzinfo=None, microsecond=0)
    except (ValueError, OverflowError):
        return None


def _cards(where, params):
    """{…: ReaderCard} of a compiled card query (plain rows, no model instances)."""
    return [
        ReaderCard(pk, idm, worker_id, status, as_date(valid_until))
        for pk, idm, worker_id, status, valid_until in db.execute_sql(where, params).fetchall()
    ]


def resolve(items):
    """Cards by serial and workers by 技能者ID, two bulk reads; sets card/worker_id or returns codes."""
    serials = {i.serial for i in items if i.serial}
    numbers = {i.worker_no for i in items if i.worker_no}
    columns = (Card.id, Card.idm, Card.worker, Card.status, Card.valid_until)
    cards = {}
    if serials:
        sql = compiled("cards_by_serial", lambda: Card.select(*columns).where(among(Card.idm, ["x"])))
        cards = {c.idm: c for c in _cards(sql, [array(serials)])}
    workers, current = {}, {}
    if numbers:
        rows = Worker.select(Worker.id, Worker.worker_id).where(Worker.worker_id.in_(numbers)).tuples()
        workers = {number: pk for pk, number in rows}
        query = Card.select(*columns).where(Card.worker.in_(list(workers.values())) & Card.usable_clause())
        current = {c.worker_id: c for c in map(ReaderCard._make, query.tuples())}
    codes = {}
    for item in items:
        if item.serial:
            card = cards.get(item.serial)
        else:
            card = current.get(workers.get(item.worker_no))
        if card is None or not card.usable:
            codes[item.index] = "unknown_card"
        elif card.valid_until < item.wall.date():
            codes[item.index] = "expired_card"
        else:
            item.card, item.worker_id = card, card.worker_id
    return codes


def ingest(caller, raws, now=None):
    """Per-item results for a batch: {"event_id", "status": created / duplicate / unassigned /
    rejected, "code"?, "field"?, "work_date"?}."""
    now = now or now_jst()
    results = [None] * len(raws)
    items, seen = [], set()
    for index, raw in enumerate(raws):
        parsed = parse(caller, raw, index, now)
        if isinstance(parsed, tuple):
            event_id = raw.get("event_id") if isinstance(raw, dict) else None
            results[index] = _rejected(event_id, *parsed)
        elif parsed.event_id in seen:
            results[index] = {"event_id": parsed.event_id, "status": "duplicate"}
        else:
            seen.add(parsed.event_id)
            items.append(parsed)
    for index, code in resolve(items).items():
        results[index] = _rejected(raws[index]["event_id"], code)
    items = [i for i in items if results[i.index] is None]
    rosters = rosters_for({(i.site.id, i.worker_id) for i in items})
    with write_transaction():
        existing = set()
        if items:
            sql = compiled(
                "existing_events",
                lambda: Touch.select(Touch.event_id).where((Touch.owner == "") & among(Touch.event_id, ["x"])),
            )
            rows = db.execute_sql(sql, [caller.owner, array(i.event_id for i in items)]).fetchall()
            existing = {event_id for (event_id,) in rows}
        fresh = [i for i in items if i.event_id not in existing]
        inserted = _insert(caller, fresh, rosters)
        counted = [i for i in fresh if (i.site.id, i.worker_id) in rosters and i.event_id in inserted]
        if counted:
            rows = [(i.worker_id, i.site.id, i.wall.date(), i.direction, i.wall) for i in counted]
            employments = employments_for(
                {(i.worker_id, rosters[(i.site.id, i.worker_id)].employer_id) for i in counted}
            )
            upsert_records(record_rows(rows, rosters, employments), next_record_seq())
            mark_used(rows)
        promote_unassigned({i.site.id for i in items}, now.astimezone(JST).date())
    for item in items:
        if item.event_id not in inserted:
            status = {"status": "duplicate"}
        elif (item.site.id, item.worker_id) in rosters:
            status = {"status": "created", "work_date": item.wall.date().isoformat()}
        else:
            status = {"status": "unassigned", "code": "not_on_roster"}
        results[item.index] = {"event_id": item.event_id, **status}
    return results


def _insert(caller, items, rosters):
    """Inserts the touches; returns the event ids this call stored (a concurrent resend of the same
    ids stores nothing here: ON CONFLICT DO NOTHING, and on PostgreSQL RETURNING says which won)."""
    if not items:
        return set()
    created = utcnow()
    rows = [
        {
            "owner": caller.owner,
            "event_id": i.event_id,
            "site": i.site.id,
            "card": i.card.id,
            "worker": i.worker_id,
            "direction": i.direction,
            "touched_at": i.wall,
            "work_date": i.wall.date(),
            "status": "counted" if (i.site.id, i.worker_id) in rosters else "unassigned",
            "method": i.method,
            "made_by": caller.made_by_id,
            "created_at": created,
        }
        for i in items
    ]
    suffix = ' ON CONFLICT ("owner", "event_id") DO NOTHING'
    if Touch._meta.database.returning_clause:
        return {row[0] for row in bulk_insert(Touch, rows, suffix + ' RETURNING "event_id"').fetchall()}
    bulk_insert(Touch, rows, suffix)  # SQLite: BEGIN IMMEDIATE serialised writers, so no other batch slipped in
    return {i.event_id for i in items}


def _rejected(event_id, code, field=None):
    result = {"event_id": event_id if isinstance(event_id, str) else None, "status": "rejected", "code": code}
    if field:
        result["field"] = field
    return result
