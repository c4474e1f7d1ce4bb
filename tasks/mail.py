"""Mail through the outbox (models/core/outbox.py): `send_mail` renders templates/mail/<name>.txt (first
line is the subject) into a row in the caller's transaction; `deliver_mail` sends one row once that
transaction has committed; `retry_unsent_mail` runs every minute (and when a consumer starts) and
sends what a crash, a dropped task or a mail-server failure left unsent, with backoff."""

import logging

from flask import current_app, render_template
from flask_babel import force_locale
from huey import crontab

from extensions import db, huey
from models.core.outbox import OutboxMail, has_mailbox
from tasks import mailer
from tasks.jobs import periodic_job

log = logging.getLogger(__name__)


class OutsideTransaction(RuntimeError):
    """A mail written with no change around it: a crash after the change's commit would lose it."""


def render_mail(template, lang, **context):
    with force_locale(lang):
        text = render_template(f"mail/{template}.txt", **context)
    subject, _, body = text.strip().partition("\n")
    return subject.strip(), body.strip() + "\n"


def send_mail(to, template, lang="ja", **context):
    """Writes the mail to the outbox inside the caller's `db.atomic()` (the change that causes it): it
    is handed to a worker once that transaction commits, and a rolled-back change sends nothing.
    Returns the OutboxMail row (None for a login without a mailbox: there is nobody to send it to)."""
    if not db.in_transaction():
        raise OutsideTransaction(f"mail/{template}: write the notice inside the change's `with db.atomic():`")
    if not has_mailbox(to):
        return None
    subject, body = render_mail(template, lang, **context)
    mail = OutboxMail.write(to, template, subject, body, grace=_backoff())
    db.after_commit(lambda: _hand_over(mail.id))
    return mail


def _hand_over(mail_id):
    # Runs just after the commit: a queue that is down must not turn a committed change into an error
    # page (the user would retry and hear "already done"); the sweep sends the mail instead.
    try:
        deliver_mail(mail_id)
    except Exception:
        log.exception("outbox mail %s left to the retry sweep", mail_id)


def _backoff():
    return current_app.config["OUTBOX_RETRY_SECONDS"]


def _attempt(mail):
    """One delivery attempt of a row another attempt does not hold; True when sent."""
    if not mail.claim(_backoff()):
        return False
    try:
        mailer.deliver(current_app.config, mail.to, mail.subject, mail.body, key=mail.file_key)
    except Exception as exc:  # the server or disk failed: recorded, retried later
        mail.mark_failed(f"{type(exc).__name__}: {exc}")
        return False
    mail.mark_sent()
    return True


@huey.task()
def deliver_mail(mail_id):
    mail = OutboxMail.get_or_none(OutboxMail.id == mail_id)
    return mail is not None and _attempt(mail)


@periodic_job(crontab(minute="*"))
def retry_unsent_mail():
    """Every unsent mail that is due, oldest first; returns how many were sent."""
    return sum(_attempt(mail) for mail in list(OutboxMail.due()))


@periodic_job(crontab(minute="40", hour="19"))  # 04:40 JST
def prune_sent_mail():
    return OutboxMail.prune()


@huey.on_startup()
def _retry_when_a_consumer_starts():
    # A consumer that was killed mid-send left mail claimed or its tasks dropped: look at once.
    if not huey.immediate:
        retry_unsent_mail()
