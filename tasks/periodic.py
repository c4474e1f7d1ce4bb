"""Daily notices as huey periodic tasks: card expiry reminders and the 12-months-unused rule (Q5-15).
The rules live in models/notices.py; the functions here take `today` so they can be run for any day,
and the periodic wrappers call them once a day (06:00 JST; huey's crontab runs in UTC)."""

from huey import crontab

from extensions import db, huey
from models import clock
from models.clock import utcnow
from models.notices import (
    DEACTIVATED,
    UNUSED_NOTICE,
    NoticeLog,
    accounts_to_deactivate,
    accounts_to_warn,
    cards_to_remind,
    deactivate,
    unused_ref,
    worker_contact,
)
from tasks.mail import send_mail
from tasks.urls import external_url


def _notify_once(kind, ref, account, today, to, template, **context):
    """Logs the notice and mails it in one transaction: a failed enqueue leaves no log behind, and a
    notice already logged (even by an overlapping run) is not sent again."""
    with db.atomic():
        if NoticeLog.claim(kind, ref, account, today):
            send_mail(to, template, **context)
            return True
    return False


def send_card_expiry_reminders(today):
    """Mails each usable card's holder 90 and 30 days before Card.valid_until, once each."""
    sent = 0
    for card, kind, days_left in cards_to_remind(today):
        worker = card.worker
        email, lang = worker_contact(worker)
        if not email:
            continue  # no address yet; sent once one is registered and the window is still open
        sent += _notify_once(
            kind,
            f"card:{card.id}",
            worker.account,
            today,
            email,
            "card_expiry",
            lang=lang,
            name=worker.full_name,
            worker_id=worker.worker_id,
            days_left=days_left,
            valid_until=card.valid_until.strftime("%Y/%m/%d"),
            url=external_url("auth.login_form"),
        )
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
            _notify_once(
                DEACTIVATED,
                unused_ref(account, since),
                account,
                today,
                account.email,
                "account_deactivated",
                lang=account.lang,
                name=account.display_name,
                since=since.strftime("%Y/%m/%d"),
                reset_url=external_url("auth.forgot_form"),
                inquiry_url=external_url("public.inquiry_form", category="8"),
            )
        deactivated += 1
    for account, since, deactivate_on in list(accounts_to_warn(today)):
        warned += _notify_once(
            UNUSED_NOTICE,
            unused_ref(account, since),
            account,
            today,
            account.email,
            "account_unused",
            lang=account.lang,
            name=account.display_name,
            since=since.strftime("%Y/%m/%d"),
            deactivate_on=deactivate_on.strftime("%Y/%m/%d"),
            url=external_url("auth.login_form"),
        )
    return deactivated, warned


@huey.periodic_task(crontab(hour="21", minute="0"))
def daily_notices():
    today = clock.today()
    return send_card_expiry_reminders(today), apply_unused_rule(today)
