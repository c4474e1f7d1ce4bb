"""A text column kept encrypted at rest (AES-GCM): for the few secrets the app must show again later,
such as a new API token until its maker has copied it. A copy of the database alone does not reveal
them. Keys are versioned (SEAL_KEYS "v2:…,v1:…", the first seals); a value sealed under version N is
stored as "vN:<base64>", and one without a prefix is version 0, sealed under a key derived from
SECRET_KEY before keys had versions."""

import base64
import hashlib
import secrets

from Cryptodome.Cipher import AES
from peewee import CharField

_keys = []  # [(version, AES key)], the first seals


def configure_sealing(keyring):
    """`keyring`: [(version, secret)] as config.keyring gives it."""
    _keys[:] = [
        (version, hashlib.sha256(b"careerup-sealed-field\0" + str(s).encode()).digest()) for version, s in keyring
    ]


def _prefix(version):
    return f"v{version}:" if version else ""


def seal(text):
    version, key = _keys[0]
    nonce = secrets.token_bytes(12)
    cipher = AES.new(key, AES.MODE_GCM, nonce=nonce)
    sealed, tag = cipher.encrypt_and_digest(text.encode())
    return _prefix(version) + base64.b64encode(nonce + tag + sealed).decode()


def _version_of(stored):
    head, sep, rest = stored.partition(":")
    if sep and head[:1] == "v" and head[1:].isdigit():
        return int(head[1:]), rest
    return 0, stored


def _open(key, body):
    raw = base64.b64decode(body)
    cipher = AES.new(key, AES.MODE_GCM, nonce=raw[:12])
    return cipher.decrypt_and_verify(raw[28:], raw[12:28]).decode()


def _opened(stored):
    """(text, index of the key that opened it), or ("", None) when none of its version does."""
    version, body = _version_of(stored)
    for index, (key_version, key) in enumerate(_keys):
        if key_version == version:
            try:
                return _open(key, body), index
            except ValueError:  # another key of the version, or altered
                continue
    return "", None


def unseal(stored):
    """The text, or "" when no configured key of its version opens it (or it was altered)."""
    return _opened(stored)[0]


def stale_text(stored):
    """The text of a value sealed under an older key (to seal again), or None when it is sealed under
    the key that seals now or no key opens it."""
    text, index = _opened(stored)
    return text if index else None


class SealedField(CharField):
    def db_value(self, value):
        return None if value is None else seal(value)

    def python_value(self, value):
        return None if value is None else unseal(value)
