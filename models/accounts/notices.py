"""Mailed notices sent by the periodic tasks, logged so each is sent once; who a worker's mail goes to;
the 12-months-unused rule of Q5-15 (card expiry reminders: models/cards/reminders.py)."""

import datetime as dt

from peewee import JOIN, CharField, DateField, ForeignKeyField, IntegrityError, fn

from extensions import db
from models.accounts.accounts import Account
from models.accounts.workers import Worker
from models.core.base import BaseModel
from models.core.dates import add_months
from models.core.outbox import has_mailbox

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


def worker_contact(worker):
    """(e-mail, language) for mail to a worker — the one rule every notice to a worker uses: the
    contact address they registered, else their login's; the login's language."""
    account = worker.account
    login_mail = account.email if account is not None and has_mailbox(account.email) else ""
    return (worker.email or login_mail), (account.lang if account else "ja")


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
