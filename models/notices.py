"""Mailed notices sent by the periodic tasks, logged so each is sent once; the rules that pick who
gets one (card expiry reminders, the 12-months-unused rule of Q5-15)."""

import datetime as dt

from peewee import JOIN, CharField, DateField, ForeignKeyField, IntegrityError, fn

from extensions import db
from models.accounts import Account
from models.base import BaseModel
from models.cards import USABLE, Card
from models.workers import Worker

# Reminders before Card.valid_until, nearest window first: a card 20 days from expiry gets only
# the 30-day one, even if the 90-day one was missed.
EXPIRY_NOTICES = ((30, "card_expiry_30"), (90, "card_expiry_90"))
# CareerUp decision for Q5-15: a notice at 11 months without use, deactivation at 12 (and never
# sooner than a month after the notice); a login or a card touch counts as use; nothing is deleted.
UNUSED_NOTICE_MONTHS = 11
UNUSED_LIMIT_MONTHS = 12
NOTICE_LEAD_MONTHS = 1
UNUSED_NOTICE = "unused_11_months"
DEACTIVATED = "deactivated"


class NoticeLog(BaseModel):
    """One notice of a kind about one thing (e.g. card 123 expiring, account 9 unused since a day)."""

    kind = CharField()  # card_expiry_90 / card_expiry_30 / unused_11_months / deactivated
    subject_ref = CharField()  # "card:123", "account:9:2025-01-31"
    account = ForeignKeyField(Account, null=True)
    sent_on = DateField()

    class Meta:
        indexes = ((("kind", "subject_ref"), True),)

    @classmethod
    def claim(cls, kind, subject_ref, account, today):
        """Records the notice as sent; False when it already was (so each is sent once, even when
        two runs overlap)."""
        try:
            with db.atomic():
                cls.create(kind=kind, subject_ref=subject_ref, account=account, sent_on=today)
            return True
        except IntegrityError:
            return False

    @classmethod
    def find(cls, kind, subject_ref):
        return cls.get_or_none((cls.kind == kind) & (cls.subject_ref == subject_ref))


def add_months(day, months):
    """The same day `months` later (or earlier); the month's last day when it has no such day."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    for d in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month + 1, d)
        except ValueError:
            continue


# --- card expiry -------------------------------------------------------------------------------


def cards_to_remind(today):
    """[(card, kind, days_left)] for usable cards in a reminder window whose notice is not sent yet."""
    horizon = today + dt.timedelta(days=max(days for days, _ in EXPIRY_NOTICES))
    cards = (
        Card.select(Card, Worker)
        .join(Worker)
        .where(Card.status.in_(USABLE) & (Card.valid_until >= today) & (Card.valid_until <= horizon))
        .order_by(Card.valid_until, Card.id)
    )
    for card in cards:
        days_left = (card.valid_until - today).days
        kind = next(k for days, k in EXPIRY_NOTICES if days_left <= days)
        if NoticeLog.find(kind, f"card:{card.id}") is None:
            yield card, kind, days_left


def worker_contact(worker):
    """(e-mail, language) for mail to a worker — the one rule every notice to a worker uses: the
    contact address they registered, else their login's; the login's language."""
    account = worker.account
    return (worker.email or (account.email if account else "")), (account.lang if account else "ja")


# --- 12 months without use (Q5-15) -------------------------------------------------------------


def last_use(account, worker_used=None):
    """The last day of use: a login, a card touch, or the day the account was made."""
    days = [account.created_at.date()]
    if account.last_used_at:
        days.append(account.last_used_at.date())
    if worker_used:
        days.append(worker_used)
    return max(days)


def unused_ref(account, since):
    """A notice is about one stretch of non-use: after a login, a new stretch needs a new notice."""
    return f"account:{account.id}:{since.isoformat()}"


def _unused_since(cutoff):
    """[(account, last use)] for active user accounts with no use after `cutoff`. Staff accounts
    (reviewers) are not users under the terms of use."""
    limit = dt.datetime.combine(cutoff + dt.timedelta(days=1), dt.time())
    query = (
        Account.select(Account, Worker.last_used_at.alias("worker_used"))
        .join(Worker, JOIN.LEFT_OUTER, on=(Worker.account == Account.id))
        .where(
            Account.deactivated_at.is_null()
            & (Account.is_reviewer == False)  # noqa: E712
            & (fn.COALESCE(Account.last_used_at, Account.created_at) < limit)
            & (Worker.last_used_at.is_null() | (Worker.last_used_at <= cutoff))
        )
        .order_by(Account.id)
        .objects()
    )
    for account in query.iterator():
        yield account, last_use(account, account.worker_used)


def accounts_to_warn(today):
    """[(account, last use, planned deactivation day)]: unused for 11 months and not warned yet."""
    for account, since in _unused_since(add_months(today, -UNUSED_NOTICE_MONTHS)):
        if NoticeLog.find(UNUSED_NOTICE, unused_ref(account, since)) is None:
            yield account, since, deactivation_day(since, today)


def deactivation_day(since, warned_on):
    return max(add_months(since, UNUSED_LIMIT_MONTHS), add_months(warned_on, NOTICE_LEAD_MONTHS))


def accounts_to_deactivate(today):
    """[(account, last use)]: unused for 12 months AND warned at least a month ago about this same
    stretch of non-use. An account never warned is never deactivated."""
    for account, since in _unused_since(add_months(today, -UNUSED_LIMIT_MONTHS)):
        notice = NoticeLog.find(UNUSED_NOTICE, unused_ref(account, since))
        if notice is not None and notice.sent_on <= add_months(today, -NOTICE_LEAD_MONTHS):
            yield account, since


def deactivate(account, now):
    """Login is refused from now on and every open session ends (for good, even if the account is
    reopened later); the account, worker, cards and all history stay."""
    account.deactivated_at = now
    account.save()
    account.end_sessions()


def reactivate(account, now):
    """A password reset (or staff, after an inquiry) reopens the account; that counts as use."""
    account.deactivated_at, account.last_used_at = None, now
    account.save()
