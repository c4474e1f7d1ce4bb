"""Mailed notices sent by the periodic tasks, logged so each is sent once, and public inquiries."""
from peewee import CharField, DateField, ForeignKeyField, TextField

from models.accounts import Account
from models.base import BaseModel


class NoticeLog(BaseModel):
    """One notice of a kind about one thing (e.g. card 123 expiring, account 9 unused 11 months)."""
    kind = CharField()  # card_expiry_90 / card_expiry_30 / unused_11_months / deactivated
    subject_ref = CharField()  # "card:123", "account:9"
    account = ForeignKeyField(Account, null=True)
    sent_on = DateField()

    class Meta:
        indexes = ((("kind", "subject_ref"), True),)


class Inquiry(BaseModel):
    """お問い合わせ from the public form; a copy is mailed to the sender."""
    category = CharField()
    name = CharField()
    email = CharField()
    phone = CharField(default="")
    subject = CharField(default="")
    body = TextField()
    status = CharField(default="open")
