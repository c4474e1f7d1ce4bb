"""建設キャリアアップカード: level, colour, validity, and the requests that change a card."""

import datetime as dt
import hashlib
import hmac
import re

from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from peewee import CharField, DateField, DateTimeField, ForeignKeyField, IntegerField, TextField, fn

from extensions import db
from models.accounts import audit
from models.accounts.accounts import Account
from models.accounts.workers import Worker
from models.billing.fees import SEED_SCHEME, card_reissue_fee, scheme_on, worker_registration_fee
from models.billing.payments import Invoice
from models.cards.validity import valid_until_for
from models.core import codes
from models.core.base import BaseModel
from models.core.clock import today as japan_today
from models.core.clock import utcnow
from models.core.codes import TRADES
from models.core.dates import renewal_opens_on
from models.core.errors import DomainError

LEVEL_COLOURS = {1: "white", 2: "blue", 3: "silver", 4: "gold"}
LEVEL_COLOUR_LABELS = {
    1: _l("ホワイト"),
    2: _l("ブルー"),
    3: _l("シルバー"),
    4: _l("ゴールド"),
}
USABLE = ("issued", "mailed")  # a reader accepts these (once the card's serial is enrolled)
SERIAL_RE = re.compile(r"^(?:[0-9A-F]{8}|[0-9A-F]{14}|[0-9A-F]{16}|[0-9A-F]{20})$")  # UID 4/7/10 B, IDm 8 B
QR_PREFIX = "CCUS1:"

# Code tables in the models.codes format (code, label), so codes.label/choices work on them.
REISSUE_REASONS = [
    ("lost", _l("紛失")),
    ("damaged", _l("破損")),
    ("rewrite", _l("券面書換（氏名・旧姓の変更など）")),
]
GOLD_REASONS = [
    ("kikan", _l("登録基幹技能者")),
    ("level4", _l("能力評価でレベル4と判定された")),
]


class Card(BaseModel):
    worker = ForeignKeyField(Worker, backref="cards", on_delete="CASCADE")
    # The serial a reader sees (FeliCa IDm, 8 bytes, or ISO 14443 UID, 4/7/10 bytes), upper-case hex.
    # Empty until staff enrol the physical card: a card without it cannot be used at readers.
    idm = CharField(unique=True, null=True)
    serial_source = CharField(default="")  # enrolled (a real card) / generated (demo data only)
    serial_enrolled_at = DateTimeField(null=True)
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
        """Usable at readers: issued or mailed, with an enrolled serial."""
        return self.status in USABLE and bool(self.idm)

    @classmethod
    def usable_clause(cls):
        return cls.status.in_(USABLE) & cls.idm.is_null(False)

    def enrol_serial(self, serial, source="enrolled"):
        """Staff enrol the physical card's serial (typed, or read through the helper). The serial is
        normalised to upper-case hex; another card's serial is refused."""
        serial = normalize_serial(serial)
        if not SERIAL_RE.match(serial):
            raise CardSerialError("format")
        other = Card.get_or_none((Card.idm == serial) & (Card.id != self.id))
        if other is not None:
            raise CardSerialError("taken")
        Card.update(idm=serial, serial_source=source, serial_enrolled_at=utcnow()).where(Card.id == self.id).execute()
        self.idm, self.serial_source = serial, source
        return serial

    @property
    def first_registration_year(self):
        """初期登録年 on the card face: the year of the worker's first card."""
        first = Card.select(fn.MIN(Card.issued_on)).where(Card.worker == self.worker_id).scalar()
        if isinstance(first, str):  # SQLite hands back an aggregate of dates as text
            first = dt.date.fromisoformat(first)
        return (first or self.issued_on).year

    @classmethod
    def issue(cls, worker, today, scheme=SEED_SCHEME, level=1, valid_until=None):
        """A new card; the worker's usable cards are replaced, so readers refuse them from now on.
        `valid_until` keeps the old card's validity for a reissue (the fee pays for the card only)."""
        with db.atomic():
            (cls.update(status="replaced").where((cls.worker == worker) & cls.status.in_(USABLE)).execute())
            return cls.create(
                worker=worker,
                level=level,
                issued_on=today,
                valid_until=valid_until or valid_until_for(worker, today, scheme),
                print_alias=worker.alias_name if worker.print_alias else "",
            )

    @classmethod
    def current_for(cls, worker):
        return cls.select().where((cls.worker == worker) & (cls.status.in_(USABLE))).order_by(cls.id.desc()).first()

    @classmethod
    def latest_for(cls, worker):
        """The newest card whatever its status (a lost card is still the one a reissue replaces)."""
        return cls.select().where(cls.worker == worker).order_by(cls.id.desc()).first()

    @classmethod
    def of_worker(cls, worker):
        return cls.select().where(cls.worker == worker).order_by(cls.id.desc())

    @classmethod
    def to_mail(cls):
        """Cards made and not mailed yet, oldest first: the print-and-post queue."""
        return cls.select(cls, Worker).join(Worker).where(cls.status == "issued").order_by(cls.issued_on, cls.id)

    def mark_mailed(self, today):
        """Returns False when the card was not waiting to be mailed (already mailed, or replaced)."""
        changed = (
            Card.update(status="mailed", mailed_on=today)
            .where((Card.id == self.id) & (Card.status == "issued"))
            .execute()
        )
        if changed:
            self.status, self.mailed_on = "mailed", today
        return bool(changed)


class CardSerialError(DomainError):
    """code: format / taken"""


def normalize_serial(text):
    """A serial as typed or as a reader prints it ("01 2E 4C ...", "01:2e:...") as upper-case hex."""
    return re.sub(r"[\s:\-]", "", (text or "")).upper()


def qr_check(worker_id, secret):
    return hmac.new(secret.encode(), worker_id.encode(), hashlib.sha256).hexdigest()[:8].upper()


def qr_payload(worker_id, keys):
    """The card QR's text: the 技能者ID and a check value only the operator can make, with the first of
    `keys` [(version, secret)]; version 0 (cards printed before versioned keys) carries no version."""
    version, secret = keys[0]
    suffix = f":v{version}" if version else ""
    return f"{QR_PREFIX}{worker_id}:{qr_check(worker_id, secret)}{suffix}"


def card_from_qr(text, keys):
    """The 技能者ID in a card QR's text, or None when the text is not one of our QR codes (checked with
    each key of the version the code names)."""
    if not isinstance(text, str) or not text.startswith(QR_PREFIX) or len(text) > 60:
        return None
    worker_id, _, rest = text[len(QR_PREFIX) :].partition(":")
    check, _, version = rest.partition(":")
    if not (worker_id + check + version).isascii() or not (
        version == "" or (version[:1] == "v" and version[1:].isdigit())
    ):
        return None
    number = int(version[1:]) if version else 0
    for key_version, secret in keys:
        if key_version == number and hmac.compare_digest(check.upper(), qr_check(worker_id, secret)):
            return worker_id
    return None


def mail_card(card, staff, today):
    """Staff posted the card; a reissue or gold request waiting on it is finished with it.
    Returns False when there was nothing to post (already mailed, replaced, or moved meanwhile)."""
    request = CardRequest.get_or_none((CardRequest.card == card) & (CardRequest.status == "made"))
    if request is None:
        with db.atomic():
            mailed = card.mark_mailed(today)
            if mailed:
                audit.record(card.worker, "card_mailed", staff, {"card": "issued"}, {"card": "mailed"}, f"#{card.id}")
            return mailed
    try:
        request.advance("mailed", staff, today)
    except CardRequestError:
        return False
    return True


# 再発行 (Q1-8): request → identity check by staff → processing → applicant pays → card made → mailed
REISSUE_STEPS = ["requested", "identity_checked", "processing", "awaiting_payment", "made", "mailed"]
# ゴールドカードへの変更 (Q1-15): request → approved (or rejected) → applicant pays → made → mailed
GOLD_STEPS = ["requested", "approved", "awaiting_payment", "made", "mailed"]
# 更新: before or after expiry; the registration fee in force is billed at once, paying makes the new card
RENEWAL_STEPS = ["requested", "awaiting_payment", "made", "mailed"]
CLOSED = ("mailed", "rejected")


class CardRequestError(DomainError):
    """code: kind / reason / already_open / no_card / expired / already_gold / no_account / step /
    moved / unpaid / paid / closed / too_early (a renewal before its window opens: core/dates.renewal_opens_on)"""


class CardRequest(BaseModel):
    worker = ForeignKeyField(Worker, backref="card_requests", on_delete="CASCADE")
    kind = CharField()  # reissue / gold / renewal (更新) / level (a level change after evaluation, 能力評価)
    reason = CharField(default="")  # REISSUE_REASONS / GOLD_REASONS code
    detail = TextField(default="")  # the worker's words; for gold, the qualification and its number
    status = CharField(default="requested")
    handled_by = ForeignKeyField(Account, null=True)
    updated_at = DateTimeField(null=True)
    card = ForeignKeyField(Card, null=True)  # the card made for this request
    target_level = IntegerField(default=0)  # for kind "level": the level the new card shows

    @classmethod
    def open_requests(cls):
        """Every request staff still have to move along, oldest first."""
        return cls.select(cls, Worker).join(Worker).where(cls.status.not_in(CLOSED)).order_by(cls.id)

    @classmethod
    def of_worker(cls, worker):
        return cls.select().where(cls.worker == worker).order_by(cls.id.desc())

    @classmethod
    def open_of(cls, worker, kind):
        return cls.of_worker(worker).where((cls.kind == kind) & cls.status.not_in(CLOSED)).first()

    @classmethod
    def file(cls, worker, kind, reason, detail, today, actor=None):
        """The worker asks for a reissue (Q1-8) or a gold card (Q1-15). A card reported lost stops
        working at once, so whoever finds it cannot use it."""
        if kind not in ("reissue", "gold"):
            raise CardRequestError("kind")
        if reason not in codes.codes(REISSUE_REASONS if kind == "reissue" else GOLD_REASONS):
            raise CardRequestError("reason")
        if cls.open_of(worker, kind) is not None:
            raise CardRequestError("already_open")
        card = Card.latest_for(worker)
        if card is None or card.status not in USABLE + ("lost",):
            raise CardRequestError("no_card")
        if card.valid_until < today:
            raise CardRequestError("expired")
        if kind == "gold" and card.level >= 4:
            raise CardRequestError("already_gold")
        with db.atomic():
            request = cls.create(worker=worker, kind=kind, reason=reason, detail=detail.strip(), updated_at=utcnow())
            if kind == "reissue" and reason == "lost" and card.usable:
                card.status = "lost"
                card.save()
            CardRequestEvent.create(request=request, status="requested", actor=actor)
        return request

    @classmethod
    def file_renewal(cls, worker, today, actor=None):
        """更新: the worker renews the card before or after it expires; the fee in force is billed at once."""
        card = Card.latest_for(worker)
        if card is None:
            raise CardRequestError("no_card")
        if today < renewal_opens_on(card.valid_until):
            raise CardRequestError("too_early")
        if cls.open_of(worker, "renewal") is not None:
            raise CardRequestError("already_open")
        with db.atomic():
            request = cls.create(worker=worker, kind="renewal", updated_at=utcnow())
            CardRequestEvent.create(request=request, status="requested", actor=actor)
            request.advance("awaiting_payment", None, today)
        return request

    def steps(self):
        return {"reissue": REISSUE_STEPS, "renewal": RENEWAL_STEPS}.get(self.kind, GOLD_STEPS)

    @property
    def closed(self):
        return self.status in CLOSED

    @property
    def next_step(self):
        steps = self.steps()
        if self.status not in steps or self.status == steps[-1]:
            return None
        return steps[steps.index(self.status) + 1]

    def reason_label(self):
        table = {"reissue": REISSUE_REASONS, "level": TRADES}.get(self.kind, GOLD_REASONS)
        label = codes.label(table, self.reason) or self.reason
        return f"{label} → {gettext('レベル%(n)d', n=self.target_level)}" if self.kind == "level" else label

    def invoice(self):
        return Invoice.for_card_request(self.id)

    def events(self):
        return list(CardRequestEvent.select().where(CardRequestEvent.request == self).order_by(CardRequestEvent.id))

    def step_dates(self):
        """{status: date it was reached} for the worker's progress list."""
        return {e.status: e.created_at for e in self.events()}

    def advance(self, to, staff=None, today=None):
        """Moves one step forward along the flow; anything else is refused. Each step does its part:
        awaiting_payment bills the card fee, made (only once paid) makes the new card, mailed posts it."""
        today = today or japan_today()
        if self.closed:
            raise CardRequestError("closed")
        if to != self.next_step:
            raise CardRequestError("step")
        with db.atomic():
            if to == "made":
                invoice = self.invoice()
                if invoice is None or not invoice.paid:
                    raise CardRequestError("unpaid")
            audit.record(
                self.worker, "card_step", staff, {"card_request": self.status}, {"card_request": to}, self.kind
            )
            self._claim(to, staff)
            if to == "awaiting_payment":
                self._bill(today)
            elif to == "made":
                self._make_card(today)
            elif to == "mailed":
                self.card.mark_mailed(today)
            CardRequestEvent.create(request=self, status=to, actor=staff)

    def reject(self, staff, detail=""):
        """Staff refuse the request (identity not confirmed, no gold qualification); any open
        invoice is cancelled. Once the fee is paid the card is owed, so it can no longer be refused.
        A card reported lost stays stopped."""
        if self.closed or self.status == "made":
            raise CardRequestError("closed")
        invoice = self.invoice()
        if invoice is not None and invoice.paid:
            raise CardRequestError("paid")
        with db.atomic():
            audit.record(
                self.worker, "card_rejected", staff, {"card_request": self.status}, {"card_request": "rejected"}, detail
            )
            self._claim("rejected", staff)
            if invoice is not None:
                invoice.cancel()
            CardRequestEvent.create(request=self, status="rejected", actor=staff, note=detail.strip())

    def rejection_note(self):
        event = (
            CardRequestEvent.select()
            .where((CardRequestEvent.request == self) & (CardRequestEvent.status == "rejected"))
            .first()
        )
        return event.note if event else ""

    # --- steps ---------------------------------------------------------------------------
    def _claim(self, to, staff):
        """Moves the status only if nobody moved it meanwhile (two staff clicking at once)."""
        changed = (
            CardRequest.update(status=to, handled_by=staff or self.handled_by, updated_at=utcnow())
            .where((CardRequest.id == self.id) & (CardRequest.status == self.status))
            .execute()
        )
        if not changed:
            raise CardRequestError("moved")
        self.status, self.handled_by = to, staff or self.handled_by

    def _bill(self, today):
        payer = self.worker.account
        if payer is None:
            raise CardRequestError("no_account")
        if self.kind == "renewal":
            amount, scheme = renewal_fee(self.worker, today)
        else:
            amount, scheme = card_reissue_fee(today)
        Invoice.open_for(
            {"reissue": "card_reissue", "gold": "gold_card", "renewal": "card_renewal"}.get(self.kind, "level_card"),
            payer,
            amount,
            today,
            scheme,
            card_request_ref=self.id,
        )

    def _make_card(self, today):
        old = Card.latest_for(self.worker)
        level = {"gold": 4, "level": self.target_level}.get(self.kind) or (old.level if old else 1)
        if self.kind == "renewal":  # a new validity, by the scheme in force today
            self.card = Card.issue(self.worker, today, scheme_on(today), level=level)
        else:
            self.card = Card.issue(self.worker, today, level=level, valid_until=old.valid_until if old else None)
        CardRequest.update(card=self.card).where(CardRequest.id == self.id).execute()


def renewal_fee(worker, day):
    """(amount, scheme) a card renewal costs on `day`: the registration fee in force, as at each 10-year
    renewal (DOMAIN §3). The bill and the renewal page both ask here."""
    return worker_registration_fee(day, "internet", worker.registration_type)


class CardRequestEvent(BaseModel):
    """One step a card request reached, who moved it and when (the worker sees the dates)."""

    request = ForeignKeyField(CardRequest, backref="event_rows", on_delete="CASCADE")
    status = CharField()
    actor = ForeignKeyField(Account, null=True)
    note = TextField(default="")
