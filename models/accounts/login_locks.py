"""Wrong passwords typed for an address that has no account, counted in the database like an account's
own count, so that every web process sees the same number and an unknown address locks at the same
failure, for the same time, as a known one: the answers never tell them apart."""

import datetime as dt
import hashlib

from peewee import CharField, DateTimeField, IntegerField

from extensions import db
from models.accounts.accounts import LOCKOUT_ATTEMPTS, LOCKOUT_MINUTES
from models.core.base import BaseModel
from models.core.clock import utcnow


class LoginFailure(BaseModel):
    address_hash = CharField(unique=True)  # sha256 of the lower-cased address: typed addresses are not kept
    failures = IntegerField(default=0)
    locked_until = DateTimeField(null=True)


def _key(email):
    return hashlib.sha256((email or "").strip().lower().encode()).hexdigest()


def unknown_address_state(email, now=None):
    """(tries left, lock end or None) of an address without an account."""
    now = now or utcnow()
    row = LoginFailure.get_or_none(LoginFailure.address_hash == _key(email))
    if row is None:
        return LOCKOUT_ATTEMPTS, None
    if row.locked_until is not None and row.locked_until > now:
        return 0, row.locked_until
    return LOCKOUT_ATTEMPTS - row.failures, None


def unknown_address_failure(email, now=None):
    """Counts a wrong password for an address without an account, atomically whatever the number of
    processes; the fifth in a row locks it for LOCKOUT_MINUTES as Account.register_failure does."""
    now = now or utcnow()
    key = _key(email)
    with db.atomic():
        LoginFailure.insert(address_hash=key, failures=1).on_conflict(
            conflict_target=[LoginFailure.address_hash], update={LoginFailure.failures: LoginFailure.failures + 1}
        ).execute()
        LoginFailure.update(locked_until=now + dt.timedelta(minutes=LOCKOUT_MINUTES), failures=0).where(
            (LoginFailure.address_hash == key) & (LoginFailure.failures >= LOCKOUT_ATTEMPTS)
        ).execute()
    return unknown_address_state(email, now)
