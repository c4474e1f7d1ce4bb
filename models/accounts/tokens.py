"""Signed, expiring tokens for mailed links (e-mail confirmation, password reset, unlock).

A token names the account and the account's password version, never anything derived from the
password hash: a new password (reset or change) ends every link issued before it."""

from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from models.accounts.accounts import Account


def _serializer(secret, purpose):
    return URLSafeTimedSerializer(secret, salt=f"careerup-{purpose}")


def sign(secret, purpose, payload):
    return _serializer(secret, purpose).dumps(payload)


def unsign(secret, purpose, token, max_age):
    """(payload, None) or (None, reason) with reason 'expired' / 'invalid'."""
    try:
        return _serializer(secret, purpose).loads(token, max_age=max_age), None
    except SignatureExpired:
        return None, "expired"
    except BadSignature:
        return None, "invalid"


def make_token(secret, purpose, account):
    return sign(secret, purpose, {"a": account.id, "v": account.password_version})


def read_token(secret, purpose, token, max_age):
    """The account the token names, or (None, reason) with reason 'expired' / 'invalid'."""
    data, problem = unsign(secret, purpose, token, max_age)
    if data is None:
        return None, problem
    account = Account.get_or_none(Account.id == data.get("a"))
    if account is None or account.password_version != data.get("v"):
        return None, "invalid"
    return account, None
