"""建設キャリアアップカード: level, colour and validity."""
import datetime as dt
import secrets

from peewee import CharField, DateField, ForeignKeyField, IntegerField

from models.base import BaseModel
from models.workers import Worker

LEVEL_COLOURS = {1: "white", 2: "blue", 3: "silver", 4: "gold"}
LEVEL_COLOUR_LABELS = {1: ("ホワイト", "White"), 2: ("ブルー", "Blue"),
                       3: ("シルバー", "Silver"), 4: ("ゴールド", "Gold")}


def add_years(day, years):
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def card_valid_until(issued_on, has_photo_id):
    """Seed Q6-1: valid 10 years, 3 without an identity document with a photo."""
    return add_years(issued_on, 10 if has_photo_id else 3) - dt.timedelta(days=1)


class Card(BaseModel):
    worker = ForeignKeyField(Worker, backref="cards", on_delete="CASCADE")
    idm = CharField(unique=True)  # the IC chip's ID (FeliCa IDm) that readers send
    level = IntegerField(default=1)
    issued_on = DateField()
    valid_until = DateField()
    status = CharField(default="issued")  # issued / mailed / lost / expired

    @property
    def colour(self):
        return LEVEL_COLOURS[self.level]

    @classmethod
    def issue(cls, worker, today):
        return cls.create(worker=worker, idm=secrets.token_hex(8).upper(), level=1,
                          issued_on=today, valid_until=card_valid_until(today, worker.has_photo_id))

    @classmethod
    def current_for(cls, worker):
        return (cls.select().where((cls.worker == worker) & (cls.status.in_(["issued", "mailed"])))
                .order_by(cls.id.desc()).first())
