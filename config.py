"""Configuration from the environment, with embedded defaults that need nothing running."""

import os
import re
import secrets
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent
INSTANCE = Path(os.environ.get("CAREERUP_INSTANCE", ROOT / "instance")).resolve()


def _instance_secret():
    """A secret key kept in instance/ so sessions survive restarts of the embedded app."""
    INSTANCE.mkdir(parents=True, exist_ok=True)
    path = INSTANCE / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_hex(32))
        path.chmod(0o600)
    return path.read_text().strip()


ENVIRONMENTS = ("embedded", "production")
MIN_SECRET_BYTES = 32


class UnsafeSettings(SystemExit):
    """Start-up refused: one line per problem, naming the variable and the fix (exit status 1)."""

    def __init__(self, problems):
        self.problems = problems
        super().__init__("CareerUp refuses to start:\n" + "\n".join(f"  {p}" for p in problems))


def signing_keys(conf):
    """SECRET_KEY and SECRET_KEY_FALLBACKS as itsdangerous takes them, the current key last (as Flask's
    session does): tokens are signed with the current key and still read under an old one."""
    return [*(conf.get("SECRET_KEY_FALLBACKS") or []), conf["SECRET_KEY"]]


def keyring(conf, name):
    """[(version, secret)] from a "v2:…,v1:…" setting (CARD_QR_KEYS, SEAL_KEYS), the first one signs.
    Version 0 is what signed before versioned keys: SECRET_KEY and its fallbacks, unless the setting
    names v0 itself (the old SECRET_KEY kept for the cards printed under it)."""
    keys = []
    for entry in filter(None, (e.strip() for e in (conf.get(name) or "").split(","))):
        version, sep, secret = entry.partition(":")
        if not (sep and version[:1] == "v" and version[1:].isdigit() and secret):
            raise RuntimeError(f'{name}: "{version}…" is not "v<number>:<secret>" (e.g. {name}=v1:<32+ random bytes>)')
        keys.append((int(version[1:]), secret))
    if not any(version == 0 for version, _ in keys):
        keys += [(0, key) for key in signing_keys(conf)[::-1]]
    return keys


class Config:
    ENV_NAME = os.environ.get("CAREERUP_ENV", "embedded")
    SECRET_KEY = os.environ.get("SECRET_KEY")
    # Key rotation (README "Keys"): old keys still read sessions and mailed links; printed cards' QR
    # checks and sealed fields have versioned keys of their own, "v2:new,v1:old".
    SECRET_KEY_FALLBACKS = [k.strip() for k in os.environ.get("SECRET_KEY_FALLBACKS", "").split(",") if k.strip()]
    CARD_QR_KEYS = os.environ.get("CARD_QR_KEYS", "")
    SEAL_KEYS = os.environ.get("SEAL_KEYS", "")
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
    PORT = os.environ.get("PORT") or "5000"  # the embedded BASE_URL follows it (`make run PORT=5077`)
    # Hosts the app answers (Flask TRUSTED_HOSTS); others get 400. Extra ones: comma-separated env.
    EXTRA_TRUSTED_HOSTS = [h.strip() for h in os.environ.get("TRUSTED_HOSTS", "").split(",") if h.strip()]
    # Errors to a Sentry-compatible service (personal data scrubbed); /metrics needs `Bearer METRICS_TOKEN`.
    SENTRY_DSN = os.environ.get("SENTRY_DSN")
    METRICS_TOKEN = os.environ.get("METRICS_TOKEN")
    # Reverse proxies in front (X-Forwarded-For/Proto); unset: 0 embedded, 1 in production (a platform's router).
    PROXY_HOPS = int(os.environ["PROXY_HOPS"]) if os.environ.get("PROXY_HOPS") else None
    # First retry of an unsent mail after this many seconds, doubling each attempt (at most 6 hours).
    OUTBOX_RETRY_SECONDS = int(os.environ.get("OUTBOX_RETRY_SECONDS") or 60)
    # A job's run beats every JOB_HEARTBEAT_SECONDS; one silent for JOB_STALE_SECONDS is handed to another.
    JOB_HEARTBEAT_SECONDS = int(os.environ.get("JOB_HEARTBEAT_SECONDS") or 10)
    JOB_STALE_SECONDS = int(os.environ.get("JOB_STALE_SECONDS") or 60)
    # Pay-easy needs the operator's 収納機関番号; the embedded demo uses a made-up one (see README).
    PAYEASY_BILLER_NUMBER = os.environ.get("PAYEASY_BILLER_NUMBER", "")
    # 適格請求書: the issuer printed on receipts and its 登録番号 (T and 13 digits), from the operator.
    ISSUER_NAME = os.environ.get("ISSUER_NAME", "CareerUp")
    ISSUER_ADDRESS = os.environ.get("ISSUER_ADDRESS", "")
    INVOICE_REGISTRATION_NUMBER = os.environ.get("INVOICE_REGISTRATION_NUMBER", "")
    # offline (slips only), test (the embedded test card gateway) or "package.module:Class" (an acquirer).
    PAYMENT_PROVIDER = os.environ.get("PAYMENT_PROVIDER", "")
    MAX_CONTENT_LENGTH = 10 * 1024 * 1024
    # This deployment's own voice (models/support/faq.contacts): the brand in mail subjects and who runs
    # it; empty means the page says "this deployment's operator" and shows no phone line — never the
    # real CCUS operator's.
    SERVICE_NAME = os.environ.get("SERVICE_NAME") or "CareerUp"
    OPERATOR_NAME = os.environ.get("OPERATOR_NAME", "")
    INQUIRY_PHONE = os.environ.get("INQUIRY_PHONE", "")
    INQUIRY_HOURS = os.environ.get("INQUIRY_HOURS", "")
    SLIP_DESK = os.environ.get("SLIP_DESK", "")
    SLIP_PHONE = os.environ.get("SLIP_PHONE", "")
    BABEL_DEFAULT_LOCALE = "ja"
    BABEL_DEFAULT_TIMEZONE = "Asia/Tokyo"
    BABEL_TRANSLATION_DIRECTORIES = str(ROOT / "translations")
    LANGUAGES = ("ja", "en", "vi", "id")
    # Languages only the worker's pages and mail are translated into (tests/test_i18n.py WORKER_PAGES);
    # other pages show their Japanese.
    WORKER_LANGUAGES = ("vi", "id")
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    WTF_CSRF_TIME_LIMIT = None
    LOCKOUT_ATTEMPTS = 5
    LOCKOUT_MINUTES = 30
    RESET_TOKEN_MAX_AGE = 3600
    CONFIRM_TOKEN_MAX_AGE = 3 * 24 * 3600
    UNLOCK_TOKEN_MAX_AGE = 24 * 3600
    INVITATION_TOKEN_MAX_AGE = 7 * 24 * 3600
    # Flask-Limiter: Redis when REDIS_URL is set (shared by every worker), memory in embedded mode;
    # derived from the loaded REDIS_URL unless given.
    RATELIMIT_STORAGE_URI = None
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
    # Certificate checks on /verify from one client address (a code is 60 bits; this keeps scans slow).
    RATELIMIT_VERIFY_IP = "10 per minute;60 per hour"

    @classmethod
    def load(cls, overrides=None):
        """Config as a dict; refuses (UnsafeSettings) an unknown CAREERUP_ENV or settings unsafe for production."""
        conf = {k: getattr(cls, k) for k in dir(cls) if k.isupper()}
        conf.update(overrides or {})
        if conf["ENV_NAME"] not in ENVIRONMENTS:
            raise UnsafeSettings(
                [
                    f"CAREERUP_ENV={conf['ENV_NAME']} is not known: set CAREERUP_ENV=production, or embedded (the default)"
                ]
            )
        production = conf["ENV_NAME"] == "production"
        conf["INVOICE_REGISTRATION_NUMBER"] = conf["INVOICE_REGISTRATION_NUMBER"].strip().upper()
        if conf["INVOICE_REGISTRATION_NUMBER"] and not re.fullmatch(r"T\d{13}", conf["INVOICE_REGISTRATION_NUMBER"]):
            raise RuntimeError("INVOICE_REGISTRATION_NUMBER must be T and 13 digits (適格請求書発行事業者の登録番号)")
        if production:
            problems = production_problems(conf)
            if problems:
                raise UnsafeSettings(problems)
            conf["SESSION_COOKIE_SECURE"] = True
        elif not conf["SECRET_KEY"]:
            conf["SECRET_KEY"] = _instance_secret()
        if not production and not conf["PAYEASY_BILLER_NUMBER"] and not conf.get("TESTING"):
            conf["PAYEASY_BILLER_NUMBER"] = "99999"
        conf["PAYMENT_PROVIDER"] = conf["PAYMENT_PROVIDER"] or ("offline" if production else "test")
        if conf["PROXY_HOPS"] is None:
            conf["PROXY_HOPS"] = 1 if production else 0
        for name in ("CARD_QR_KEYS", "SEAL_KEYS"):
            keyring(conf, name)  # a malformed key list stops the start
        conf["BASE_URL"] = (conf["BASE_URL"] or f"http://127.0.0.1:{conf['PORT']}").rstrip("/")
        conf["MAIL_FROM"] = conf["MAIL_FROM"] or conf["EMBEDDED_MAIL_FROM"]
        conf["RATELIMIT_STORAGE_URI"] = conf["RATELIMIT_STORAGE_URI"] or conf["REDIS_URL"] or "memory://"
        if "TRUSTED_HOSTS" not in conf:
            own = urlsplit(conf["BASE_URL"]).hostname
            embedded = [] if production else ["localhost", "127.0.0.1"]
            conf["TRUSTED_HOSTS"] = list(dict.fromkeys([*embedded, own, *conf["EXTRA_TRUSTED_HOSTS"]]))
        return conf


def production_problems(conf):
    """What makes these settings unsafe for production: one line each, the variable and its fix."""
    problems = []
    secret = conf["SECRET_KEY"] or ""
    if len(secret.encode()) < MIN_SECRET_BYTES:
        problems.append(
            f"SECRET_KEY must be at least {MIN_SECRET_BYTES} bytes (it has {len(secret.encode())}): "
            "set SECRET_KEY=$(python3 -c 'import secrets; print(secrets.token_hex(32))')"
        )
    if conf["DATABASE_URL"].startswith("sqlite"):
        problems.append("DATABASE_URL is SQLite: set DATABASE_URL=postgresql://user:password@host:5432/careerup")
    if urlsplit(conf["BASE_URL"] or "").scheme != "https" or not urlsplit(conf["BASE_URL"]).hostname:
        problems.append(
            f"BASE_URL={conf['BASE_URL'] or '(unset)'} is not an https:// address (mailed links are built from it): "
            "set BASE_URL=https://your-host.example"
        )
    if not conf["MAIL_FROM"]:
        problems.append("MAIL_FROM is unset: set MAIL_FROM='CareerUp <no-reply@your-domain.example>'")
    if not conf["MAIL_URL"]:
        problems.append(
            "MAIL_URL is unset (mail would be written to this machine's disk): "
            "set MAIL_URL=smtp+starttls://user:password@smtp-host:587"
        )
    if not conf["REDIS_URL"]:
        problems.append(
            "REDIS_URL is unset (web and worker would not share a queue, rate limits would count per process): "
            "set REDIS_URL=redis://host:6379/0"
        )
    if (conf["PAYMENT_PROVIDER"] or "").strip().lower() == "test":
        problems.append(
            "PAYMENT_PROVIDER=test is the test card gateway (card 4242… pays any invoice): "
            "set PAYMENT_PROVIDER=offline, or package.module:Class for your acquirer"
        )
    return problems


class TestConfig(Config):
    TESTING = True
    WTF_CSRF_ENABLED = False
    SECRET_KEY = "test-secret"
    PASSWORD_HASH_METHOD = "scrypt:256:8:1"  # a real scrypt hash at a cost tests can afford by the hundred
    BASE_URL = "http://localhost"
