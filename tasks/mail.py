"""Mail through the outbox (models/core/outbox.py): `send_mail` renders templates/mail/<name>.txt (first
line is the subject) into a row in the caller's transaction; `deliver_mail` sends one row once the
transaction has committed; `retry_unsent_mail` runs every minute (and when a consumer starts) and
sends what a crash, a dropped task or a mail-server failure left unsent, with backoff."""

from flask import current_app, g, render_template
from flask_babel import force_locale
from huey import crontab

from extensions import db, huey
from models.core.outbox import OutboxMail
from tasks import mailer
from tasks.jobs import periodic_job


def render_mail(template, lang, **context):
    with force_locale(lang):
        text = render_template(f"mail/{template}.txt", **context)
    subject, _, body = text.strip().partition("\n")
    return subject.strip(), body.strip() + "\n"


def send_mail(to, template, lang="ja", **context):
    """Writes the mail to the outbox; it is delivered once the surrounding transaction commits (a
    rolled-back change sends nothing). Returns the OutboxMail row."""
    subject, body = render_mail(template, lang, **context)
    mail = OutboxMail.write(to, template, subject, body, grace=_backoff())
    if db.in_transaction():
        g.setdefault("outbox_ids", []).append(mail.id)  # handed over by flush_pending after commit
    else:
        deliver_mail(mail.id)
    return mail


def flush_pending():
    """Hands each mail written in a now-committed transaction to a worker (the app calls it after
    every request; a task calls it after its transactions). A mail never handed over is still sent
    by the retry sweep."""
    for mail_id in g.pop("outbox_ids", ()):
        deliver_mail(mail_id)


def flush_after_request(response):
    flush_pending()
    return response


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
