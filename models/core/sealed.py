"""A text column kept encrypted at rest (AES-GCM, key derived from the app's SECRET_KEY): for the few
secrets the app must show again later, such as a new API token until its maker has copied it. A copy of
the database alone does not reveal them."""

import base64
import hashlib
import secrets

from Cryptodome.Cipher import AES
from peewee import CharField

_key = {}


def configure_sealing(secret_key):
    _key["value"] = hashlib.sha256(b"careerup-sealed-field\0" + str(secret_key).encode()).digest()


def seal(text):
    nonce = secrets.token_bytes(12)
    cipher = AES.new(_key["value"], AES.MODE_GCM, nonce=nonce)
    sealed, tag = cipher.encrypt_and_digest(text.encode())
    return base64.b64encode(nonce + tag + sealed).decode()


def unseal(stored):
    """The text, or "" when it was sealed under another SECRET_KEY (or altered)."""
    try:
        raw = base64.b64decode(stored)
        cipher = AES.new(_key["value"], AES.MODE_GCM, nonce=raw[:12])
        return cipher.decrypt_and_verify(raw[28:], raw[12:28]).decode()
    except ValueError:
        return ""


class SealedField(CharField):
    def db_value(self, value):
        return None if value is None else seal(value)

    def python_value(self, value):
        return None if value is None else unseal(value)
