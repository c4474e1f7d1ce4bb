"""お問い合わせ: inquiries from the public form, the staff's inbox of them, and their reference numbers."""

import datetime as dt
import re

from peewee import CharField, TextField, fn

from models.core.base import BaseModel
from models.core.clock import utcnow


class Inquiry(BaseModel):
    """お問い合わせ from the public form; a copy is mailed to the sender."""

    category = CharField()  # codes.INQUIRY_CATEGORIES
    name = CharField()
    email = CharField()
    phone = CharField(default="")
    subject = CharField(default="")
    body = TextField()
    status = CharField(default="open")

    HOURLY_LIMIT = 3  # the form mails a copy to the address typed: keep it from being a spam relay

    @classmethod
    def too_many_from(cls, email, now=None):
        since = (now or utcnow()) - dt.timedelta(hours=1)
        recent = cls.select().where((fn.LOWER(cls.email) == (email or "").strip().lower()) & (cls.created_at > since))
        return recent.count() >= cls.HOURLY_LIMIT

    @classmethod
    def inbox(cls, status="open", query=""):
        """Staff's list, newest first; `query` matches name, e-mail, subject, body or the reference."""
        found = cls.select().where(cls.status == status).order_by(cls.id.desc())
        query = (query or "").strip()
        if query:
            ref = re.fullmatch(r"Q\d{8}-(\d+)", query, re.I)
            if ref:  # a reference finds the inquiry whatever its status
                return cls.select().where(cls.id == int(ref.group(1)))
            found = found.where(
                cls.name.contains(query)
                | cls.email.contains(query)
                | cls.subject.contains(query)
                | cls.body.contains(query)
            )
        return found

    def close(self):
        self.status = "closed"
        self.save()

    @property
    def reference(self):
        """The number the sender quotes when they write or call again."""
        return f"Q{self.created_at:%Y%m%d}-{self.id:05d}"
