"""Daily notices as huey periodic tasks: card expiry and 在留期間 reminders and the 12-months-unused rule (Q5-15).
The rules live in models/accounts/notices.py; the functions here take `today` so they can be run for any day,
and the periodic wrappers call them once a day (06:00 JST; huey's crontab runs in UTC)."""

from huey import crontab

from extensions import db
from models.accounts.notices import (
    DEACTIVATED,
    UNUSED_NOTICE,
    NoticeLog,
    accounts_to_deactivate,
    accounts_to_warn,
    deactivate,
    unused_ref,
    worker_contact,
)
from models.accounts.residence import residence_ref, workers_to_remind
from models.billing.renewals import REMINDER, companies_to_remind
from models.cards.reminders import cards_to_remind
from models.core import clock
from models.core.clock import utcnow
from tasks import notices
from tasks.jobs import periodic_job


def _notify_once(kind, ref, account, today, notice, *args):
    """Logs the notice and writes its mail in one transaction: a notice already logged (even by an
    overlapping run) is not sent again, and a logged notice always has its mail in the outbox."""
    with db.atomic():
        if NoticeLog.claim(kind, ref, account, today):
            notice(*args)
            return True
    return False


def send_card_expiry_reminders(today):
    """Mails each usable card's holder 90 and 30 days before Card.valid_until, once each."""
    sent = 0
    for card, kind, days_left in cards_to_remind(today):
        if not worker_contact(card.worker)[0]:
            continue  # no address yet; sent once one is registered and the window is still open
        sent += _notify_once(
            kind, f"card:{card.id}", card.worker.account, today, notices.card_expiry, card.id, days_left
        )
    return sent


def send_residence_reminders(today):
    """Mails each foreign worker and their employers 90 and 30 days before the 在留期間 ends, once each."""
    sent = 0
    for worker, kind, days_left in list(workers_to_remind(today)):
        sent += _notify_once(
            kind, residence_ref(worker), worker.account, today, notices.residence_expiry, worker.id, days_left
        )
    return sent


def send_company_renewal_reminders(today):
    """Mails each company's admins once per validity when its registration renewal opens."""
    sent = 0
    for company, ref in list(companies_to_remind(today)):
        sent += _notify_once(REMINDER, ref, None, today, notices.company_registration_expiry, company.id)
    return sent


def apply_unused_rule(today):
    """Deactivates accounts warned a month ago and still unused for 12 months, then warns those at
    11 months. Returns (deactivated, warned). The notice always comes first: an account is only
    deactivated on a later run than its notice."""
    now = utcnow()
    deactivated = warned = 0
    for account, since in list(accounts_to_deactivate(today)):
        with db.atomic():
            deactivate(account, now)
            ref = unused_ref(account, since)
            _notify_once(DEACTIVATED, ref, account, today, notices.account_deactivated, account.id, since)
        deactivated += 1
    for account, since, deactivate_on in list(accounts_to_warn(today)):
        ref = unused_ref(account, since)
        warned += _notify_once(
            UNUSED_NOTICE, ref, account, today, notices.account_unused, account.id, since, deactivate_on
        )
    return deactivated, warned


@periodic_job(crontab(hour="21", minute="0"))
def daily_notices():
    today = clock.today()
    return (
        send_card_expiry_reminders(today),
        apply_unused_rule(today),
        send_company_renewal_reminders(today),
        send_residence_reminders(today),
    )
