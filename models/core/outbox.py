"""The mail outbox: a mail is a row written in the same transaction as the change that causes it, so
a mail is never lost (a crashed queue or consumer only delays it) and never sent for a change that
was rolled back. Delivery is at least once per row; the row records attempts, the last error and
when it was sent."""

import datetime as dt

from peewee import CharField, DateTimeField, IntegerField, TextField

from extensions import db
from models.core.base import BaseModel
from models.core.clock import utcnow

MAX_BACKOFF = dt.timedelta(hours=6)
# Sent mail holds names and links: it is kept this long for staff looking into a complaint, then deleted.
KEEP_SENT = dt.timedelta(days=30)
# The login of a person without an e-mail address of their own (RFC 2606's .invalid never resolves).
NO_MAILBOX = "@no-mail.invalid"


def has_mailbox(address):
    return bool(address) and not address.endswith(NO_MAILBOX)


class OutboxMail(BaseModel):
    to = CharField()
    template = CharField()  # templates/mail/<template>.txt, for staff looking at the table
    subject = CharField()
    body = TextField()
    attempts = IntegerField(default=0)
    next_attempt_at = DateTimeField(index=True)  # the retry sweep takes rows due by now
    last_error = TextField(default="")
    sent_at = DateTimeField(null=True, index=True)

    @classmethod
    def write(cls, to, template, subject, body, grace):
        """A new unsent mail; the sweep leaves it alone for `grace` seconds (its own task delivers it)."""
        with db.atomic():
            return cls.create(
                to=to,
                template=template,
                subject=subject,
                body=body,
                next_attempt_at=utcnow() + dt.timedelta(seconds=grace),
            )

    @classmethod
    def due(cls, now=None, limit=200):
        """Unsent mail whose next attempt is due, oldest first."""
        now = now or utcnow()
        return (
            cls.select()
            .where(cls.sent_at.is_null() & (cls.next_attempt_at <= now))
            .order_by(cls.next_attempt_at, cls.id)
            .limit(limit)
        )

    @classmethod
    def unsent(cls):
        """Mail not sent yet, the oldest first: what staff look at when mail is stuck."""
        return cls.select().where(cls.sent_at.is_null()).order_by(cls.created_at, cls.id)

    def retry_now(self, now=None):
        """Staff asked for another attempt: due at once (the backoff is waived, the count goes on)."""
        self.next_attempt_at = now or utcnow()
        OutboxMail.update(next_attempt_at=self.next_attempt_at).where(OutboxMail.id == self.id).execute()

    @classmethod
    def prune(cls, now=None):
        """Deletes mail sent more than KEEP_SENT ago (never an unsent one); returns how many."""
        now = now or utcnow()
        return cls.delete().where(cls.sent_at.is_null(False) & (cls.sent_at < now - KEEP_SENT)).execute()

    def claim(self, backoff, now=None):
        """Takes this mail for one delivery attempt, or False when it is sent or another attempt holds
        it. The attempt holds it until the backoff has passed: if the process dies mid-send, the sweep
        tries again then (so a mail may arrive twice, never zero times)."""
        now = now or utcnow()
        attempts = self.attempts + 1
        wait = min(dt.timedelta(seconds=backoff * 2 ** (attempts - 1)), MAX_BACKOFF)
        taken = (
            OutboxMail.update(attempts=OutboxMail.attempts + 1, next_attempt_at=now + wait)
            .where(
                (OutboxMail.id == self.id)
                & OutboxMail.sent_at.is_null()
                & (OutboxMail.attempts == self.attempts)
                & ((OutboxMail.attempts == 0) | (OutboxMail.next_attempt_at <= now))
            )
            .execute()
        )
        if taken:
            self.attempts, self.next_attempt_at = attempts, now + wait
        return bool(taken)

    def mark_sent(self, now=None):
        self.sent_at = now or utcnow()
        OutboxMail.update(sent_at=self.sent_at, last_error="").where(OutboxMail.id == self.id).execute()

    def mark_failed(self, error):
        self.last_error = str(error)[:2000]
        OutboxMail.update(last_error=self.last_error).where(OutboxMail.id == self.id).execute()

    @property
    def file_key(self):
        """The same name for every attempt: a file delivery repeated after a crash replaces itself."""
        return f"{self.created_at:%Y%m%d%H%M%S%f}-{self.id:08d}"
