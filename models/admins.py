"""管理者ID (admin IDs, seed Q1-3): the people who administer a company, each with their own login
and a role. Only system admins manage them, and a company always keeps one system admin."""

import secrets

from extensions import db
from models import audit, codes
from models.accounts import Account, Membership
from models.base import utcnow

MANAGING_ROLE = "system_admin"
# No look-alike characters (0/O, 1/l/I): the initial password is typed from a mail, often on a phone.
PASSWORD_ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
PASSWORD_LENGTH = 12


class AdminError(ValueError):
    """code: already_member / last_system_admin / role"""

    def __init__(self, code):
        super().__init__(code)
        self.code = code


def admins_of(company):
    return (
        Membership.select(Membership, Account)
        .join(Account)
        .where(Membership.company == company)
        .order_by(Membership.id)
    )


def can_manage_admins(membership):
    return membership is not None and membership.role == MANAGING_ROLE


def initial_password():
    return "".join(secrets.choice(PASSWORD_ALPHABET) for _ in range(PASSWORD_LENGTH))


def _check_role(role):
    if role not in codes.codes(codes.ADMIN_ROLES):
        raise AdminError("role")


def add_admin(company, email, display_name, role, actor=None):
    """Adds a person as an admin. A new person gets an account with a random initial password that
    must be changed at first login; returns (membership, that password, or None for an existing login)."""
    _check_role(role)
    email = email.strip().lower()
    with db.atomic():
        account, password = Account.by_email(email), None
        if account is None:
            password = initial_password()
            account = Account(
                email=email, display_name=display_name.strip(), email_confirmed_at=utcnow(), must_change_password=True
            )
            account.set_password(password)
            account.save()
        elif Membership.select().where((Membership.account == account) & (Membership.company == company)).exists():
            raise AdminError("already_member")
        membership = Membership.create(account=account, company=company, role=role)
        audit.record(company, "admin_added", actor, after={"admin": email, "role": role})
    return membership, password


def _is_last_system_admin(membership):
    if membership.role != MANAGING_ROLE:
        return False
    others = Membership.select().where(
        (Membership.company == membership.company_id)
        & (Membership.role == MANAGING_ROLE)
        & (Membership.id != membership.id)
    )
    return not others.exists()


def change_role(membership, role, actor=None):
    _check_role(role)
    with db.atomic():
        if role != MANAGING_ROLE and _is_last_system_admin(membership):
            raise AdminError("last_system_admin")
        email, was = membership.account.email, membership.role
        membership.role = role
        membership.save()
        audit.record(
            membership.company, "admin_role", actor, {"admin": email, "role": was}, {"admin": email, "role": role}
        )


def remove_admin(membership, actor=None):
    """Ends the admin ID at once: the company gate checks the membership on every request."""
    with db.atomic():
        if _is_last_system_admin(membership):
            raise AdminError("last_system_admin")
        audit.record(
            membership.company, "admin_removed", actor, {"admin": membership.account.email, "role": membership.role}
        )
        membership.delete_instance()
