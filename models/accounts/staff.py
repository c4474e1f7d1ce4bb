"""Staff of the registration body: 審査担当 (reviewer: queues, payments, cards) and operator (operations
pages such as the mail outbox and the job list). Made, listed and disabled by `flask staff`."""

import secrets

from models.accounts.accounts import PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, Account
from models.core.clock import utcnow
from models.core.errors import DomainError

ROLES = ("reviewer", "operator")


def holds(account, role):
    return account.is_reviewer if role == "reviewer" else account.staff_role == "operator"


def grant(email, role, name=None, password=None):
    """(account, created?): the account of `email` (made, confirmed, when new) holding `role`.
    A new account without `password` gets an unusable one until its owner follows a set-password link."""
    if role not in ROLES:
        raise DomainError("staff_role_unknown", role)
    if password is not None:
        check_password(password)
    email = (email or "").strip().lower()
    if "@" not in email:
        raise DomainError("staff_email_invalid", email)
    account = Account.by_email(email)
    created = account is None
    if created:
        account = Account(email=email, display_name=name or email.split("@")[0], email_confirmed_at=utcnow())
        account.set_password(password or secrets.token_urlsafe(32))
    elif password is not None:
        account.set_password(password)
    if role == "reviewer":
        account.is_reviewer = True
    else:
        account.staff_role = "operator"
    account.save()
    return account, created


def check_password(password):
    if not PASSWORD_MIN_LENGTH <= len(password) <= PASSWORD_MAX_LENGTH:
        raise DomainError("password_length")


def members():
    """Every account holding a staff role, by address."""
    return Account.select().where(Account.is_reviewer | (Account.staff_role != "")).order_by(Account.email)


def roles_of(account):
    return [role for role in ROLES if holds(account, role)]


def disable(email):
    """Takes every staff role from the account and ends its sessions; its other roles (a worker,
    a company admin) and everything it did stay."""
    account = Account.by_email(email)
    if account is None or not roles_of(account):
        raise DomainError("staff_unknown", email)
    account.is_reviewer, account.staff_role = False, ""
    account.save()
    account.end_sessions()
    return account
