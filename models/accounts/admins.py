"""管理者ID (admin IDs, seed Q1-3): the people who administer a company, each with their own login
and a role. Only system admins manage them, and a company always keeps one system admin. A person
who already has a login is invited and becomes an admin only when they accept; until then the
company learns nothing about that login."""

import secrets

from peewee import CharField, ForeignKeyField

from extensions import db
from models.accounts import audit
from models.accounts.accounts import Account, Membership
from models.accounts.companies import Company
from models.core import codes
from models.core.base import BaseModel
from models.core.clock import utcnow
from models.core.errors import DomainError

MANAGING_ROLE = "system_admin"
# No look-alike characters (0/O, 1/l/I): the initial password is typed from a mail, often on a phone.
PASSWORD_ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
PASSWORD_LENGTH = 12


class AdminError(DomainError):
    """code: already_member / last_system_admin / role / invitation"""


def admins_of(company):
    return (
        Membership.select(Membership, Account, Company)
        .join(Account)
        .switch(Membership)
        .join(Company)
        .where(Membership.company == company)
        .order_by(Membership.id)
    )


def initial_password():
    return "".join(secrets.choice(PASSWORD_ALPHABET) for _ in range(PASSWORD_LENGTH))


def _check_role(role):
    if role not in codes.codes(codes.ADMIN_ROLES):
        raise AdminError("role")


class AdminInvitation(BaseModel):
    """An existing login asked to become an admin ID of `company`; nothing changes until they accept."""

    company = ForeignKeyField(Company, backref="admin_invitations", on_delete="CASCADE")
    account = ForeignKeyField(Account, backref="admin_invitations", on_delete="CASCADE")
    role = CharField()
    invited_name = CharField()  # the name the inviting admin typed; the login's own name is not shown
    invited_by = ForeignKeyField(Account, null=True, backref="+", on_delete="SET NULL")

    class Meta:
        table_name = "admin_invitation"


def add_admin(company, email, display_name, role, invited_by=None, actor=None):
    """Invites a person to be an admin; they become one when they accept. A person without a login
    gets one with a random initial password, changed at first login. Both cases look the same to the
    company. Returns (invitation, the initial password or None)."""
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
        AdminInvitation.delete().where(
            (AdminInvitation.company == company) & (AdminInvitation.account == account)
        ).execute()
        invitation = AdminInvitation.create(
            company=company, account=account, role=role, invited_name=display_name.strip(), invited_by=invited_by
        )
    audit.record(company, "admin_added", actor, after={"admin": email, "role": role})
    return invitation, password


def invitations_of(company):
    """Pending invitations, shown by what the inviting admin typed (the invitee's login stays hidden)."""
    return AdminInvitation.select().where(AdminInvitation.company == company).order_by(AdminInvitation.id)


def invitations_for(account):
    return (
        AdminInvitation.select(AdminInvitation, Company)
        .join(Company)
        .where(AdminInvitation.account == account)
        .order_by(AdminInvitation.id)
    )


def accept_invitation(invitation):
    with db.atomic():
        membership, _ = Membership.get_or_create(
            account=invitation.account_id, company=invitation.company_id, defaults={"role": invitation.role}
        )
        invitation.delete_instance()
    return membership


def decline_invitation(invitation):
    invitation.delete_instance()


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
