"""Card readers registered to a site: each authenticates with a bearer token of which only the hash is kept."""

import hashlib
import secrets

from peewee import CharField, ForeignKeyField

from models.core.base import BaseModel
from models.sites.sites import Site


def hash_token(token):
    return hashlib.sha256(token.encode()).hexdigest()


class CardReader(BaseModel):
    """A card reader registered to a site; it authenticates with a bearer token."""

    site = ForeignKeyField(Site, backref="readers", on_delete="CASCADE")
    name = CharField()
    token_hash = CharField(unique=True)
    token_hint = CharField()  # last characters, to tell tokens apart on screen

    @classmethod
    def register(cls, site, name):
        """Returns (reader, token); the token is shown once and only its hash is kept."""
        token = "cr_" + secrets.token_urlsafe(32)
        reader = cls.create(site=site, name=name, token_hash=hash_token(token), token_hint=token[-4:])
        return reader, token
