"""就業履歴: card touches and the work records (one per worker, site, day and trade) they make."""

import datetime as dt
from zoneinfo import ZoneInfo

from peewee import CharField, DateField, DateTimeField, ForeignKeyField, IntegrityError

from extensions import db
from models.base import BaseModel
from models.cards import Card
from models.companies import Company
from models.sites import CardReader, RosterEntry, Site
from models.workers import Affiliation, Worker

JST = ZoneInfo("Asia/Tokyo")


class WorkRecord(BaseModel):
    worker = ForeignKeyField(Worker, backref="work_records")
    site = ForeignKeyField(Site, backref="work_records")
    company = ForeignKeyField(Company, null=True)  # employer on the roster
    work_date = DateField()
    trade = CharField(default="")  # from the roster; empty when the worker is not on it
    position = CharField(default="")
    first_in = DateTimeField(null=True)  # JST wall time
    last_out = DateTimeField(null=True)
    source = CharField(default="card")

    class Meta:
        indexes = ((("worker", "site", "work_date", "trade"), True),)

    @classmethod
    def of_worker(cls, worker):
        return (
            cls.select(cls, Site).join(Site).where(cls.worker == worker).order_by(cls.work_date.desc(), cls.id.desc())
        )

    @classmethod
    def days_of(cls, worker):
        """就業日数: the worker's distinct (day, site) pairs over the whole history."""
        return cls.select(cls.work_date, cls.site).where(cls.worker == worker).distinct().count()

    @classmethod
    def of_site_day(cls, site, day):
        return (
            cls.select(cls, Worker)
            .join(Worker)
            .where((cls.site == site) & (cls.work_date == day))
            .order_by(cls.first_in, cls.id)
        )


class Touch(BaseModel):
    """A card touch as a reader sent it; (reader, event_id) makes a resend harmless."""

    reader = ForeignKeyField(CardReader, backref="touches")
    event_id = CharField()
    card = ForeignKeyField(Card)
    direction = CharField()  # in / out
    touched_at = DateTimeField()  # JST wall time
    record = ForeignKeyField(WorkRecord, null=True)

    class Meta:
        indexes = ((("reader", "event_id"), True),)


class TouchError(Exception):
    def __init__(self, code, message):
        super().__init__(message)
        self.code = code
        self.message = message


def to_jst(moment: dt.datetime) -> dt.datetime:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=JST)
    return moment.astimezone(JST).replace(tzinfo=None)


def _employed_on(worker_id, company_id, day):
    return (
        Affiliation.select()
        .where(
            (Affiliation.worker == worker_id)
            & (Affiliation.company == company_id)
            & (Affiliation.ended_on.is_null() | (Affiliation.ended_on >= day))
        )
        .exists()
    )


def record_touch(reader, event_id, site_id, card_idm, direction, moment):
    """Stores one touch and folds it into the day's work record. Returns (touch, created)."""
    existing = Touch.get_or_none(reader=reader, event_id=event_id)
    if existing:
        return existing, False
    if site_id != reader.site.site_id:
        raise TouchError("site_mismatch", "site")
    card = Card.get_or_none(Card.idm == card_idm.upper())
    if card is None or not card.usable:
        raise TouchError("unknown_card", "card")
    if card.valid_until < to_jst(moment).date():
        raise TouchError("expired_card", "card")
    if direction not in ("in", "out"):
        raise TouchError("bad_direction", "direction")
    local = to_jst(moment)
    roster = RosterEntry.get_or_none(site=reader.site, worker=card.worker)
    if roster is not None and not _employed_on(card.worker_id, roster.company_id, local.date()):
        roster = None  # retired from that employer: the day counts, without 立場 or 職種 (Q7-6)
    try:
        with db.atomic():
            record, _ = WorkRecord.get_or_create(
                worker=card.worker,
                site=reader.site,
                work_date=local.date(),
                trade=roster.trade if roster else "",
                defaults={"company": roster.company if roster else None, "position": roster.position if roster else ""},
            )
            if direction == "in" and (record.first_in is None or local < record.first_in):
                record.first_in = local
            if direction == "out" and (record.last_out is None or local > record.last_out):
                record.last_out = local
            record.save()
            touch = Touch.create(
                reader=reader, event_id=event_id, card=card, direction=direction, touched_at=local, record=record
            )
            # A card touch counts as use for the 12-months rule (Q5-15).
            Worker.update(last_used_at=local.date()).where(
                (Worker.id == card.worker_id) & (Worker.last_used_at.is_null() | (Worker.last_used_at < local.date()))
            ).execute()
    except IntegrityError:  # the same event arrived twice at once
        return Touch.get(reader=reader, event_id=event_id), False
    return touch, True
