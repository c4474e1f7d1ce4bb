"""建設キャリアアップカード: level, colour, validity, and the requests that change a card."""
import datetime as dt
import secrets

from peewee import CharField, DateField, DateTimeField, ForeignKeyField, IntegerField, TextField

from models.accounts import Account
from models.base import BaseModel, utcnow
from models.fees import SEED_SCHEME
from models.workers import Worker

LEVEL_COLOURS = {1: "white", 2: "blue", 3: "silver", 4: "gold"}
LEVEL_COLOUR_LABELS = {1: ("ホワイト", "White"), 2: ("ブルー", "Blue"),
                       3: ("シルバー", "Silver"), 4: ("ゴールド", "Gold")}
USABLE = ("issued", "mailed")  # a reader accepts these


def add_years(day, years):
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def card_valid_until(issued_on, has_photo_id, scheme=SEED_SCHEME, birth_date=None):
    """The one validity rule.
    Seed scheme (Q6-1): 10 years, 3 without an identity document with a photo.
    Current scheme (DOMAIN §3): to the first birthday after 9 years; 14 years from age 60; 2 without."""
    if scheme == SEED_SCHEME or birth_date is None:
        return add_years(issued_on, 10 if has_photo_id else 3) - dt.timedelta(days=1)
    if not has_photo_id:
        return add_years(issued_on, 2) - dt.timedelta(days=1)
    age = issued_on.year - birth_date.year - ((issued_on.month, issued_on.day) < (birth_date.month, birth_date.day))
    if age >= 60:
        return add_years(issued_on, 14) - dt.timedelta(days=1)
    nine = add_years(issued_on, 9)
    birthday = add_years(birth_date, nine.year - birth_date.year)
    if birthday <= nine:
        birthday = add_years(birth_date, nine.year + 1 - birth_date.year)
    return birthday


class Card(BaseModel):
    worker = ForeignKeyField(Worker, backref="cards", on_delete="CASCADE")
    idm = CharField(unique=True)  # the IC chip's ID (FeliCa IDm) that readers send
    level = IntegerField(default=1)
    issued_on = DateField()
    valid_until = DateField()
    status = CharField(default="issued")  # issued / mailed / lost / replaced / expired / deactivated
    mailed_on = DateField(null=True)
    print_alias = CharField(default="")  # 旧姓・通称 printed on the face, when chosen

    @property
    def colour(self):
        return LEVEL_COLOURS[self.level]

    @property
    def usable(self):
        return self.status in USABLE

    @classmethod
    def issue(cls, worker, today, scheme=SEED_SCHEME, level=1):
        for old in cls.select().where((cls.worker == worker) & cls.status.in_(USABLE)):
            old.status = "replaced"
            old.save()
        return cls.create(worker=worker, idm=secrets.token_hex(8).upper(), level=level, issued_on=today,
                          valid_until=card_valid_until(today, worker.has_photo_id, scheme, worker.birth_date),
                          print_alias=worker.alias_name if worker.print_alias else "")

    @classmethod
    def current_for(cls, worker):
        return (cls.select().where((cls.worker == worker) & (cls.status.in_(USABLE)))
                .order_by(cls.id.desc()).first())

    def mark_mailed(self, today):
        self.status, self.mailed_on = "mailed", today
        self.save()



# 再発行 (Q1-8): request → identity check by staff → processing → applicant pays → card made → mailed
REISSUE_STEPS = ["requested", "identity_checked", "processing", "awaiting_payment", "made", "mailed"]
# ゴールドカードへの変更 (Q1-15): request → reviewed → awaiting_payment → made → mailed, or rejected
GOLD_STEPS = ["requested", "approved", "awaiting_payment", "made", "mailed"]


class CardRequest(BaseModel):
    worker = ForeignKeyField(Worker, backref="card_requests", on_delete="CASCADE")
    kind = CharField()  # reissue / gold
    reason = CharField(default="")  # lost / damaged / rewrite (券面書換) / gold: 登録基幹技能者 etc.
    detail = TextField(default="")
    status = CharField(default="requested")
    handled_by = ForeignKeyField(Account, null=True)
    updated_at = DateTimeField(null=True)
    card = ForeignKeyField(Card, null=True)  # the card made for this request

    def steps(self):
        return REISSUE_STEPS if self.kind == "reissue" else GOLD_STEPS

    def advance(self, to, staff=None):
        """Moves one step forward along the flow; anything else is refused."""
        steps = self.steps()
        if self.status not in steps or steps.index(to) != steps.index(self.status) + 1:
            raise ValueError(f"{self.status} -> {to}")
        self.status, self.handled_by, self.updated_at = to, staff or self.handled_by, utcnow()
        self.save()

    def reject(self, staff, detail=""):
        if self.status in ("made", "mailed", "rejected"):
            raise ValueError(f"{self.status} -> rejected")
        self.status, self.handled_by, self.updated_at = "rejected", staff, utcnow()
        self.detail = detail or self.detail
        self.save()
