"""Configuration from the environment, with embedded defaults that need nothing running."""

import os
import re
import secrets
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent
INSTANCE = Path(os.environ.get("CAREERUP_INSTANCE", ROOT / "instance"))


def _instance_secret():
    """A secret key kept in instance/ so sessions survive restarts of the embedded app."""
    INSTANCE.mkdir(parents=True, exist_ok=True)
    path = INSTANCE / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_hex(32))
        path.chmod(0o600)
    return path.read_text().strip()


class Config:
    ENV_NAME = os.environ.get("CAREERUP_ENV", "embedded")
    SECRET_KEY = os.environ.get("SECRET_KEY")
    DATABASE_URL = os.environ.get("DATABASE_URL") or f"sqlite:///{INSTANCE / 'careerup.db'}"
    REDIS_URL = os.environ.get("REDIS_URL")
    MAIL_URL = os.environ.get("MAIL_URL")
    PASSWORD_HASH_METHOD = "scrypt"  # werkzeug's default cost (n=2**15)
    # A self-hosted CareerUp sends from its own domain, never the CCUS operator's; required in production.
    MAIL_FROM = os.environ.get("MAIL_FROM")
    EMBEDDED_MAIL_FROM = "CareerUp <no-reply@localhost>"
    OUTBOX_DIR = os.environ.get("OUTBOX_DIR") or str(INSTANCE / "outbox")
    # Mailed links are built from BASE_URL only, never from the request's Host (required in production).
    BASE_URL = os.environ.get("BASE_URL")
    EMBEDDED_BASE_URL = "http://localhost:5000"
    # Hosts the app answers (Flask TRUSTED_HOSTS); others get 400. Extra ones: comma-separated env.
    EXTRA_TRUSTED_HOSTS = [h.strip() for h in os.environ.get("TRUSTED_HOSTS", "").split(",") if h.strip()]
    PROXY_HOPS = int(os.environ.get("PROXY_HOPS", "0"))  # reverse proxies in front (X-Forwarded-For/Proto)
    # First retry of an unsent mail after this many seconds, doubling each attempt (at most 6 hours).
    OUTBOX_RETRY_SECONDS = int(os.environ.get("OUTBOX_RETRY_SECONDS") or 60)
    # Pay-easy needs the operator's 収納機関番号; the embedded demo uses a made-up one (see README).
    PAYEASY_BILLER_NUMBER = os.environ.get("PAYEASY_BILLER_NUMBER", "")
    # 適格請求書: the issuer printed on receipts and its 登録番号 (T and 13 digits), from the operator.
    ISSUER_NAME = os.environ.get("ISSUER_NAME", "CareerUp")
    ISSUER_ADDRESS = os.environ.get("ISSUER_ADDRESS", "")
    INVOICE_REGISTRATION_NUMBER = os.environ.get("INVOICE_REGISTRATION_NUMBER", "")
    # offline (slips only), test (the embedded test card gateway) or "package.module:Class" (an acquirer).
    PAYMENT_PROVIDER = os.environ.get("PAYMENT_PROVIDER", "")
    MAX_CONTENT_LENGTH = 10 * 1024 * 1024
    BABEL_DEFAULT_LOCALE = "ja"
    BABEL_DEFAULT_TIMEZONE = "Asia/Tokyo"
    BABEL_TRANSLATION_DIRECTORIES = str(ROOT / "translations")
    LANGUAGES = ("ja", "en")
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    WTF_CSRF_TIME_LIMIT = None
    LOCKOUT_ATTEMPTS = 5
    LOCKOUT_MINUTES = 30
    RESET_TOKEN_MAX_AGE = 3600
    CONFIRM_TOKEN_MAX_AGE = 3 * 24 * 3600
    UNLOCK_TOKEN_MAX_AGE = 24 * 3600
    INVITATION_TOKEN_MAX_AGE = 7 * 24 * 3600
    # Flask-Limiter: Redis when REDIS_URL is set (shared by every worker), memory in embedded mode.
    RATELIMIT_STORAGE_URI = os.environ.get("REDIS_URL") or "memory://"
    RATELIMIT_HEADERS_ENABLED = True
    # Failed sign-ins from one client address (many accounts) and against one account (many addresses);
    # the account's own lock (5 wrong passwords, 30 minutes, seed Q1-6) comes first.
    RATELIMIT_LOGIN_IP = "10 per minute;50 per hour"
    RATELIMIT_LOGIN_ACCOUNT = "10 per 30 minutes"
    RATELIMIT_SIGNUP_IP = "10 per hour"
    RATELIMIT_SIGNUP_ADDRESS = "3 per hour"
    RATELIMIT_RESET_IP = "10 per hour"
    RATELIMIT_RESET_ADDRESS = "5 per hour"
    RATELIMIT_INQUIRY_IP = "5 per hour"

    @classmethod
    def load(cls, overrides=None):
        """Config as a dict; fails fast on settings unsafe for production."""
        conf = {k: getattr(cls, k) for k in dir(cls) if k.isupper()}
        conf.update(overrides or {})
        if not conf["SECRET_KEY"]:
            if conf["ENV_NAME"] == "production":
                raise RuntimeError("SECRET_KEY must be set in production")
            conf["SECRET_KEY"] = _instance_secret()
        if conf["ENV_NAME"] == "embedded" and not conf["PAYEASY_BILLER_NUMBER"] and not conf.get("TESTING"):
            conf["PAYEASY_BILLER_NUMBER"] = "99999"
        production = conf["ENV_NAME"] == "production"
        conf["PAYMENT_PROVIDER"] = conf["PAYMENT_PROVIDER"] or ("offline" if production else "test")
        conf["INVOICE_REGISTRATION_NUMBER"] = conf["INVOICE_REGISTRATION_NUMBER"].strip().upper()
        if conf["INVOICE_REGISTRATION_NUMBER"] and not re.fullmatch(r"T\d{13}", conf["INVOICE_REGISTRATION_NUMBER"]):
            raise RuntimeError("INVOICE_REGISTRATION_NUMBER must be T and 13 digits (適格請求書発行事業者の登録番号)")
        if production:
            conf["SESSION_COOKIE_SECURE"] = True
            if conf["DATABASE_URL"].startswith("sqlite"):
                raise RuntimeError("production needs DATABASE_URL (PostgreSQL)")
            if not conf["BASE_URL"]:
                raise RuntimeError("production needs BASE_URL (mailed links are built from it)")
            if not conf["MAIL_FROM"]:
                raise RuntimeError("production needs MAIL_FROM (the sender address on your own domain)")
            conf["PROXY_HOPS"] = conf["PROXY_HOPS"] or 1
        conf["BASE_URL"] = (conf["BASE_URL"] or conf["EMBEDDED_BASE_URL"]).rstrip("/")
        conf["MAIL_FROM"] = conf["MAIL_FROM"] or conf["EMBEDDED_MAIL_FROM"]
        if "TRUSTED_HOSTS" not in conf:
            own = urlsplit(conf["BASE_URL"]).hostname
            embedded = [] if production else ["localhost", "127.0.0.1"]
            conf["TRUSTED_HOSTS"] = list(dict.fromkeys([*embedded, own, *conf["EXTRA_TRUSTED_HOSTS"]]))
        return conf


class TestConfig(Config):
    TESTING = True
    WTF_CSRF_ENABLED = False
    SECRET_KEY = "test-secret"
    PASSWORD_HASH_METHOD = "scrypt:256:8:1"  # a real scrypt hash at a cost tests can afford by the hundred
    BASE_URL = "http://localhost"
