"""Notices about a login: sign-up, password reset, lock, admin invitation, the 12-months-unused rule."""

from flask import current_app
from flask_babel import format_datetime

from config import signing_keys
from models.accounts.accounts import Account
from models.accounts.admins import AdminInvitation
from models.accounts.tokens import make_token, sign
from models.core import codes
from tasks.mail import send_mail
from tasks.urls import external_url


def signup_confirmation(account_id, lang, intent=None):
    """The link that confirms a new account's e-mail address (and opens the application it was made for)."""
    account = Account.get_by_id(account_id)
    token = make_token(signing_keys(current_app.config), "confirm", account)
    extra = {"for": intent} if intent else {}
    return send_mail(
        account.email,
        "confirm",
        lang=lang,
        name=account.display_name,
        url=external_url("auth.confirm", token=token, **extra),
    )


def signup_existing(account_id):
    """Someone signed up with a confirmed account's address: its owner is told, the page says nothing."""
    account = Account.get_by_id(account_id)
    return send_mail(
        account.email,
        "signup_existing",
        lang=account.lang,
        name=account.display_name,
        login_url=external_url("auth.login_form"),
        reset_url=external_url("auth.forgot_form"),
    )


def password_reset(account_id, lang=None):
    """The password-reset link, in the language of the page that asked for it."""
    account = Account.get_by_id(account_id)
    token = make_token(signing_keys(current_app.config), "reset", account)
    return send_mail(
        account.email,
        "reset",
        lang=lang or account.lang,
        name=account.display_name,
        url=external_url("auth.reset", token=token),
    )


def account_locked(account_id):
    """Too many wrong passwords: the lock's end and a link that unlocks at once (valid for this lock only)."""
    account = Account.get_by_id(account_id)
    payload = {"a": account.id, "l": account.locked_until.isoformat()}
    return send_mail(
        account.email,
        "unlock",
        lang=account.lang,
        name=account.display_name,
        until=format_datetime(account.locked_until, "HH:mm"),
        url=external_url("auth.unlock_form", token=sign(signing_keys(current_app.config), "unlock", payload)),
    )


def admin_invited(invitation_id, password=None):
    """An invitation to be a company admin; `password` only when a login was made for the invitee.
    Nothing about the invitee's account goes to the inviting company (issue 7 item 6)."""
    invitation = AdminInvitation.get_by_id(invitation_id)
    account = invitation.account
    return send_mail(
        account.email,
        "admin_invited",
        lang=account.lang,
        name=invitation.invited_name,
        company=invitation.company.name,
        role=codes.label(codes.ADMIN_ROLES, invitation.role),
        email=account.email,
        password=password,
        url=external_url("auth.invitation", invitation_id=invitation.id),
    )


def account_unused(account_id, since, deactivate_on):
    """11 months without use (Q5-15): the day the account will be deactivated."""
    account = Account.get_by_id(account_id)
    return send_mail(
        account.email,
        "account_unused",
        lang=account.lang,
        name=account.display_name,
        since=since.strftime("%Y/%m/%d"),
        deactivate_on=deactivate_on.strftime("%Y/%m/%d"),
        url=external_url("auth.login_form"),
    )


def account_deactivated(account_id, since):
    """12 months without use: deactivated; a password reset or an inquiry reopens it."""
    account = Account.get_by_id(account_id)
    return send_mail(
        account.email,
        "account_deactivated",
        lang=account.lang,
        name=account.display_name,
        since=since.strftime("%Y/%m/%d"),
        reset_url=external_url("auth.forgot_form"),
        inquiry_url=external_url("public.inquiry_form", category="8"),
    )
