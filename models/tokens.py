"""Signed, expiring tokens for mailed links (e-mail confirmation, password reset)."""

from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from models.accounts import Account


def _serializer(secret, purpose):
    return URLSafeTimedSerializer(secret, salt=f"careerup-{purpose}")


def make_token(secret, purpose, account):
    # The reset token binds the current password hash, so it stops working once used.
    return _serializer(secret, purpose).dumps({"a": account.id, "p": account.password_hash[-12:]})


def read_token(secret, purpose, token, max_age):
    """The account the token names, or (None, reason) with reason 'expired' / 'invalid'."""
    try:
        data = _serializer(secret, purpose).loads(token, max_age=max_age)
    except SignatureExpired:
        return None, "expired"
    except BadSignature:
        return None, "invalid"
    account = Account.get_or_none(Account.id == data.get("a"))
    if account is None or (purpose == "reset" and account.password_hash[-12:] != data.get("p")):
        return None, "invalid"
    return account, None
