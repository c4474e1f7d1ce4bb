"""Every notice the system mails, one function each, in a module per domain: it loads what it needs by
id, picks the address (a worker's by models/accounts/notices.worker_contact, the one rule) and writes
the mail to the outbox in the caller's transaction (tasks/mail.send_mail refuses any other). Callers
write `notices.x(...)` inside the `with db.atomic():` of the change; templates/mail/*.txt are the bodies."""

from tasks.notices.accounts import (
    account_deactivated,
    account_locked,
    account_unused,
    admin_invited,
    password_reset,
    signup_confirmation,
    signup_existing,
)
from tasks.notices.billing import admin_fee, company_registration_expiry, fee_notice, payment_recorded
from tasks.notices.cards import card_expiry, card_fee_notice, card_mailed, card_request_advanced, card_request_rejected
from tasks.notices.history import level_rise
from tasks.notices.registration import (
    application_approved,
    change_decided,
    deficiency,
    link_answered,
    link_proposed,
    proxy_consent_asked,
    proxy_takeover,
)
from tasks.notices.residence import residence_expiry
from tasks.notices.sites import site_invited
from tasks.notices.support import inquiry_copy

__all__ = [
    "account_deactivated",
    "account_locked",
    "account_unused",
    "admin_fee",
    "admin_invited",
    "application_approved",
    "card_expiry",
    "residence_expiry",
    "card_fee_notice",
    "card_mailed",
    "card_request_advanced",
    "card_request_rejected",
    "change_decided",
    "company_registration_expiry",
    "deficiency",
    "fee_notice",
    "inquiry_copy",
    "level_rise",
    "link_answered",
    "link_proposed",
    "password_reset",
    "payment_recorded",
    "proxy_consent_asked",
    "proxy_takeover",
    "signup_confirmation",
    "signup_existing",
    "site_invited",
]
