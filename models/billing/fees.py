"""Every fee in one place. Fees are data (FeeSchedule rows with effective dates); the fee on an
application is the one in force on its submission date."""

import datetime as dt

from peewee import BigIntegerField, CharField, DateField, IntegerField, IntegrityError

from extensions import db
from models.core.base import BaseModel
from models.core.errors import DomainError

# Items: worker_internet / worker_paper / worker_basic / worker_detailed / company (by capital tier)
# / admin_id / admin_id_one_person / card_reissue / site_record.
SEED_SCHEME = "2018"  # the seed's scheme (Q6-1): worker 2,500 internet, 3,500 paper; card 10 years (3)
CURRENT_SCHEME = "2023"  # DOMAIN §3 current scheme: 簡略型 2,500 / 詳細型 4,900; card to birthday (2)

COMPANY_TIERS = [  # (capital from, fee); 一人親方 0 whatever the capital
    (0, 6_000),
    (5_000_000, 12_000),
    (10_000_000, 24_000),
    (20_000_000, 48_000),
    (50_000_000, 60_000),
    (100_000_000, 120_000),
    (300_000_000, 240_000),
    (1_000_000_000, 480_000),
    (5_000_000_000, 600_000),
    (10_000_000_000, 1_200_000),
    (50_000_000_000, 2_400_000),
]


def default_rows():
    """The seeded schedule. The current scheme is loaded but not in force until an operator dates it."""
    rows = []
    for scheme, start in ((SEED_SCHEME, dt.date(2018, 4, 1)), (CURRENT_SCHEME, None)):
        common = [
            ("company_one_person", 0, 0),
            ("admin_id", 0, 11_400),
            ("admin_id_one_person", 0, 2_400),
            ("card_reissue", 0, 1_000),
            ("site_record", 0, 10),
        ]
        common += [("company", lo, fee) for lo, fee in COMPANY_TIERS]
        if scheme == SEED_SCHEME:
            common += [("worker_internet", 0, 2_500), ("worker_paper", 0, 3_500)]
        else:
            common += [("worker_basic", 0, 2_500), ("worker_detailed", 0, 4_900)]
        rows += [
            {"scheme": scheme, "item": item, "tier_from": lo, "amount": amount, "effective_from": start}
            for item, lo, amount in common
        ]
    return rows


class FeeSchedule(BaseModel):
    scheme = CharField()
    item = CharField()
    tier_from = BigIntegerField(default=0)  # capital lower bound for company tiers
    amount = IntegerField()  # yen, tax included
    effective_from = DateField(null=True)  # NULL: loaded but not in force
    effective_to = DateField(null=True)

    class Meta:
        indexes = ((("scheme", "item", "tier_from"), True),)

    @classmethod
    def ensure_defaults(cls):
        if cls.select().exists():
            return
        try:
            with db.atomic():  # a savepoint: another process may be seeding at the same moment
                cls.insert_many(default_rows()).execute()
        except IntegrityError:
            pass


class FeeError(DomainError):
    """code: unknown_scheme / none_in_force / unknown_item (the fee table lacks what was asked)"""


def put_in_force(scheme, day):
    """Dates `scheme` in force from `day`; the scheme in force until then ends the day before.
    Applications submitted before `day` keep the fee of the scheme they were submitted under."""
    FeeSchedule.ensure_defaults()
    if not FeeSchedule.select().where(FeeSchedule.scheme == scheme).exists():
        raise FeeError("unknown_scheme", scheme)
    with db.atomic():
        (
            FeeSchedule.update(effective_to=day - dt.timedelta(days=1))
            .where(
                (FeeSchedule.scheme != scheme)
                & FeeSchedule.effective_from.is_null(False)
                & (FeeSchedule.effective_from < day)
                & (FeeSchedule.effective_to.is_null() | (FeeSchedule.effective_to >= day))
            )
            .execute()
        )
        (FeeSchedule.update(effective_from=day, effective_to=None).where(FeeSchedule.scheme == scheme).execute())


def scheme_on(day):
    """The scheme in force on `day`: the latest one whose rows are dated on or before it."""
    FeeSchedule.ensure_defaults()
    row = (
        FeeSchedule.select(FeeSchedule.scheme)
        .where(
            FeeSchedule.effective_from.is_null(False)
            & (FeeSchedule.effective_from <= day)
            & (FeeSchedule.effective_to.is_null() | (FeeSchedule.effective_to >= day))
        )
        .order_by(FeeSchedule.effective_from.desc())
        .first()
    )
    if row is None:
        raise FeeError("none_in_force", day)
    return row.scheme


def _amount(scheme, item, tier_value=0):
    row = (
        FeeSchedule.select()
        .where((FeeSchedule.scheme == scheme) & (FeeSchedule.item == item) & (FeeSchedule.tier_from <= tier_value))
        .order_by(FeeSchedule.tier_from.desc())
        .first()
    )
    if row is None:
        raise FeeError("unknown_item", item, scheme)
    return row.amount


def worker_registration_fee(day, channel="internet", registration_type="detailed"):
    """技能者登録料: seed scheme by channel; current scheme by registration type (a paper application
    at a 認定登録機関 is 詳細型 only, DOMAIN §3)."""
    scheme = scheme_on(day)
    if scheme == SEED_SCHEME:
        return _amount(scheme, "worker_paper" if channel == "paper" else "worker_internet"), scheme
    basic = registration_type == "basic" and channel != "paper"
    return _amount(scheme, "worker_basic" if basic else "worker_detailed"), scheme


def company_registration_fee(day, entity_type, capital):
    """事業者登録料 by capital tier; a one-person operator pays nothing."""
    scheme = scheme_on(day)
    if entity_type == "one_person":
        return _amount(scheme, "company_one_person"), scheme
    return _amount(scheme, "company", max(0, int(capital or 0))), scheme


def admin_id_fee(day, entity_type, ids=1, years=1):
    """管理者ID利用料: per ID per year; 2,400 for a one-person operator."""
    scheme = scheme_on(day)
    item = "admin_id_one_person" if entity_type == "one_person" else "admin_id"
    return _amount(scheme, item) * ids * years, scheme


def card_reissue_fee(day):
    """再発行 (loss, damage) and 券面書換 (card-face rewrite, e.g. a gold card): 1,000 yen."""
    scheme = scheme_on(day)
    return _amount(scheme, "card_reissue"), scheme


def site_usage_fee(day, worker_days):
    """現場利用料: per worker-day on a site (a day with two trades counts once)."""
    scheme = scheme_on(day)
    return _amount(scheme, "site_record") * worker_days, scheme
