"""A new API token waiting to be copied: the token a card reader or certified system was just given stays
visible to the person who made it, on their pages, until they say it is saved (or a day has passed).

Only here, server-side, sealed (models/core/sealed.py), and only until then: never in a URL, a cookie or a log. The reader or system
still authenticates by the token's hash (models/sites.hash_token); this row is not used for that."""

import datetime as dt

from peewee import CharField, ForeignKeyField, IntegerField

from models.accounts.accounts import Account
from models.accounts.companies import Company
from models.core.base import BaseModel
from models.core.clock import utcnow
from models.core.sealed import SealedField

KEEP_FOR = dt.timedelta(days=1)
API_KINDS = ("reader", "system")


class ShownToken(BaseModel):
    account = ForeignKeyField(Account, on_delete="CASCADE")
    company = ForeignKeyField(Company, on_delete="CASCADE")
    kind = CharField()  # "reader", "system" or "first_login" (a worker's issued password, Q1-10)
    ref_id = IntegerField()  # the CardReader's, ApiClient's or Worker's id
    name = CharField()
    token = SealedField()

    @classmethod
    def keep(cls, account, company, kind, ref_id, name, token):
        cls.delete().where((cls.kind == kind) & (cls.ref_id == ref_id)).execute()  # a rotation replaces it
        return cls.create(account=account, company=company, kind=kind, ref_id=ref_id, name=name, token=token)

    @classmethod
    def waiting(cls, account, company, kind=None, ref_ids=None):
        cls.delete().where(cls.created_at < utcnow() - KEEP_FOR).execute()
        query = cls.select().where((cls.account == account) & (cls.company == company))
        if kind is not None:
            query = query.where(cls.kind.in_([kind] if isinstance(kind, str) else list(kind)))
        if ref_ids is not None:
            query = query.where(cls.ref_id.in_(list(ref_ids)))
        return query.order_by(cls.id.desc())  # the newest first

    @classmethod
    def forget(cls, kind, ref_id):
        """The token no longer works (revoked): nothing to copy any more."""
        cls.delete().where((cls.kind == kind) & (cls.ref_id == ref_id)).execute()
