"""What a person logs in with (seed Q1-10): an e-mail address, a 技能者ID, a 事業者ID (its 事業者責任者,
admin number 1) or a 管理者ID (事業者ID-nnn), typed with spaces, hyphens or full-width digits."""

import unicodedata

from werkzeug.security import check_password_hash

from extensions import db
from models.accounts.accounts import Account, Membership, dummy_hash
from models.accounts.admins import initial_password
from models.accounts.companies import Company
from models.accounts.workers import Worker
from models.core.clock import utcnow
from models.core.errors import DomainError
from models.core.ids import KIND_PREFIX, is_valid_id, normalize_id
from models.core.outbox import NO_MAILBOX, has_mailbox


def login_key(text):
    """One spelling per login: the address in lower case, or an ID's digits (the lock and limits count by it)."""
    text = unicodedata.normalize("NFKC", text or "").strip()
    return text.lower() if "@" in text else normalize_id(text)


def is_login(text):
    """An e-mail address or something shaped like one of the IDs (the form's check; the account may not exist)."""
    key = login_key(text)
    if "@" in key:
        return True
    return (len(key) == 14 and is_valid_id(key)) or (len(key) == 17 and is_valid_id(key[:14]))


def _admin(business_id, number):
    membership = (
        Membership.select(Membership, Account)
        .join(Account)
        .switch(Membership)
        .join(Company)
        .where((Company.business_id == business_id) & (Membership.admin_number == number))
        .first()
    )
    return membership.account if membership else None


def find_account(text):
    key = login_key(text)
    if "@" in key:
        return Account.by_email(key)
    if len(key) == 14 and is_valid_id(key):
        if key[0] == KIND_PREFIX["worker"]:
            worker = Worker.get_or_none(Worker.worker_id == key)
            return worker.account if worker is not None else None
        if key[0] == KIND_PREFIX["company"]:
            return _admin(key, 1)
    if len(key) == 17 and key[0] == KIND_PREFIX["company"] and is_valid_id(key[:14]):
        return _admin(key[:14], int(key[14:]))
    return None


def authenticate(text, password):
    """(account or None, password right?) with the same hashing work whether or not the login is known."""
    account = find_account(text)
    if account is None:
        check_password_hash(dummy_hash(), password)
        return None, False
    return account, account.check_password(password)


class FirstLoginError(DomainError):
    """code: not_registered (no 技能者ID yet) / own_mail (the login has a mailbox: the reset mail is the way)"""


def issue_first_login(worker):
    """Q1-10: a worker without an e-mail address of their own (older workers, counter applicants) gets a
    login from their employer's admin: their 技能者ID and an issued password, changed at first login. Issued
    again, it is the password reset of such a login. Returns the password, to be handed over once."""
    if not worker.approved:
        raise FirstLoginError("not_registered")
    account = worker.account
    if account is not None and has_mailbox(account.email):
        raise FirstLoginError("own_mail")
    password = initial_password()
    with db.atomic():
        if account is None:
            account = Account(
                email=f"{worker.worker_id}{NO_MAILBOX}", display_name=worker.full_name, email_confirmed_at=utcnow()
            )
        account.set_password(password)
        account.must_change_password = True
        account.failed_logins, account.locked_until = 0, None
        account.save()
        if worker.account_id is None:
            worker.account = account
            worker.save()
    return password


def first_login_issuable(workers):
    """The ids of the approved workers among `workers` whose login their employer issues (none yet, or one
    without a mailbox), in one query."""
    approved = [w for w in workers if w.approved]
    mailless = {
        a.id
        for a in Account.select(Account.id).where(
            Account.id.in_([w.account_id for w in approved if w.account_id]) & Account.email.endswith(NO_MAILBOX)
        )
    }
    return {w.id for w in approved if w.account_id is None or w.account_id in mailless}
