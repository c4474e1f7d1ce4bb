"""Login accounts (one per person), lockout, and memberships in companies."""

import datetime as dt
import functools
import secrets

from flask_login import UserMixin
from peewee import BooleanField, CharField, DateTimeField, ForeignKeyField, IntegerField
from werkzeug.security import check_password_hash, generate_password_hash

from extensions import db
from models.accounts.companies import Company
from models.core.base import BaseModel
from models.core.clock import utcnow
from models.core.ids import next_number

LOCKOUT_ATTEMPTS = 5
PASSWORD_MIN_LENGTH, PASSWORD_MAX_LENGTH = 10, 128  # the one password rule
LOCKOUT_MINUTES = 30
# werkzeug's scrypt cost unless the configuration (PASSWORD_HASH_METHOD) says otherwise; tests set a cheap one.
_hashing = {"method": "scrypt"}


def configure_hashing(method):
    _hashing["method"] = method
    dummy_hash.cache_clear()


def hash_password(password):
    return generate_password_hash(password, method=_hashing["method"])


@functools.cache
def dummy_hash():
    """Checked when the login is unknown, so that it costs the same time as a wrong password."""
    return hash_password(secrets.token_hex(16))


class Account(UserMixin, BaseModel):
    email = CharField(unique=True)
    display_name = CharField()
    password_hash = CharField()
    email_confirmed_at = DateTimeField(null=True)
    failed_logins = IntegerField(default=0)
    locked_until = DateTimeField(null=True)
    is_reviewer = BooleanField(default=False)  # 審査担当 staff of the registration body
    staff_role = CharField(default="")  # "operator": operations staff (outbox, jobs); see models/accounts/staff.py
    last_used_at = DateTimeField(null=True)
    lang = CharField(default="ja")
    must_change_password = BooleanField(default=False)  # an issued password is changed at first login
    deactivated_at = DateTimeField(null=True)  # 12 months without use (Q5-15); nothing is deleted
    session_nonce = CharField(default="")  # the one live session of an admin ID
    reset_mail_sent_at = DateTimeField(null=True)
    # Every session carries the version it began with; bumping it ends all older sessions at once.
    session_version = IntegerField(default=0)
    # Mailed links (reset, confirm) bind this instead of anything derived from the password hash.
    password_version = IntegerField(default=0)

    def set_password(self, password):
        """A new password ends every session and every mailed link issued before it (saved by the caller)."""
        self.password_hash = hash_password(password)
        self.password_version += 1
        self.session_version += 1

    def remember_language(self, code):
        """The language of this person's pages and mail, kept across logins."""
        if self.lang != code:
            Account.update(lang=code).where(Account.id == self.id).execute()
            self.lang = code

    def check_password(self, password):
        return check_password_hash(self.password_hash, password)

    def end_sessions(self):
        """Logout, "log out everywhere": every session begun before now stops working."""
        Account.update(session_version=Account.session_version + 1).where(Account.id == self.id).execute()
        self.session_version = Account.get_by_id(self.id).session_version

    @property
    def is_operator(self):
        return self.staff_role == "operator"

    @property
    def confirmed(self):
        return self.email_confirmed_at is not None

    def locked(self, now=None):
        now = now or utcnow()
        return self.locked_until is not None and self.locked_until > now

    def register_failure(self, now=None):
        """Counts a wrong password; the fifth in a row locks the account for 30 minutes (seed Q1-6).
        Returns True when this failure locked it (the owner is then mailed an unlock link)."""
        now = now or utcnow()
        mine = Account.id == self.id
        with db.atomic():  # counted in the database, so two web processes never lose a failure
            Account.update(failed_logins=Account.failed_logins + 1).where(mine).execute()
            just_locked = bool(
                Account.update(locked_until=now + dt.timedelta(minutes=LOCKOUT_MINUTES), failed_logins=0)
                .where(mine & (Account.failed_logins >= LOCKOUT_ATTEMPTS))
                .execute()
            )
        self.failed_logins, self.locked_until = (
            Account.select(Account.failed_logins, Account.locked_until).where(mine).tuples().get()
        )
        return just_locked

    def unlock(self):
        self.failed_logins, self.locked_until = 0, None
        self.save()

    def register_success(self, now=None):
        """A good login: clears the failure count and starts a new session, ending any older one."""
        self.failed_logins = 0
        self.locked_until = None
        self.last_used_at = now or utcnow()
        self.session_nonce = secrets.token_hex(16)
        self.save()
        return self.session_nonce

    RESET_MAIL_INTERVAL = dt.timedelta(minutes=5)

    def may_send_reset_mail(self, now=None):
        """At most one reset mail every 5 minutes; records the send when allowed."""
        now = now or utcnow()
        if self.reset_mail_sent_at and now - self.reset_mail_sent_at < self.RESET_MAIL_INTERVAL:
            return False
        self.reset_mail_sent_at = now
        self.save()
        return True

    @property
    def single_session(self):
        """Admin IDs (管理者ID) may be logged in once at a time."""
        return Membership.select().where(Membership.account == self).exists()

    @classmethod
    def by_email(cls, email):
        return cls.get_or_none(cls.email == (email or "").strip().lower())

    def memberships(self):
        return (
            Membership.select(Membership, Company).join(Company).where(Membership.account == self).order_by(Company.id)
        )

    def membership_in(self, company_id):
        return self.memberships().where(Membership.company == company_id).first()

    @property
    def worker(self):
        return self.worker_rows.first()  # Worker.account is unique


class Membership(BaseModel):
    """An admin ID (管理者ID) of a person in a company, with a role."""

    account = ForeignKeyField(Account, backref="membership_rows", on_delete="CASCADE")
    company = ForeignKeyField(Company, backref="members", on_delete="CASCADE")
    role = CharField(default="system_admin")
    # 管理者ID = 事業者ID + "-" + this number (3 digits); number 1 is the 事業者責任者, whose ID is the 事業者ID
    admin_number = IntegerField(null=True)

    class Meta:
        indexes = ((("account", "company"), True), (("company", "admin_number"), True))

    def save(self, *args, **kwargs):
        if self.admin_number is None:
            self.admin_number = next_number(f"admin:{self.company_id}")
        return super().save(*args, **kwargs)

    @property
    def admin_id(self):
        """The 管理者ID a person logs in with, once the company has its 事業者ID."""
        business_id = self.company.business_id
        return f"{business_id}-{self.admin_number:03d}" if business_id and self.admin_number else ""
