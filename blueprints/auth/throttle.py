"""Rate limits for sign-in, sign-up, reset and inquiry (Flask-Limiter), and the lock for addresses
that have no account, so that an unknown address answers exactly like a known one."""

from datetime import UTC, datetime

from flask import current_app, make_response, render_template, request
from flask_babel import gettext as _
from limits import parse
from limits.storage import storage_from_string
from limits.strategies import FixedWindowRateLimiter

from blueprints.auth.login_forms import LoginForm
from extensions import limiter
from models.accounts.accounts import LOCKOUT_ATTEMPTS, LOCKOUT_MINUTES
from models.accounts.logins import login_key


def configured(name):
    """A limit string read from the config at request time (tests may lower or raise it)."""
    return lambda: current_app.config[name]


def submitted_email():
    return "email:" + login_key(request.form.get("email"))


def failed(response):
    """Only failures count against the limits, so an office behind one address can still sign in."""
    return response.status_code >= 400


def _login_page_again(_limit):
    """Over a login limit: the login page again, with what was typed (but the password) and why."""
    error = _("短い時間に操作が続いたため、しばらく受け付けを止めています。時間をおいて再度お試しください。")
    return make_response(render_template("auth/login.html", form=LoginForm(), error=error), 429)


login_per_ip = limiter.limit(
    configured("RATELIMIT_LOGIN_IP"), deduct_when=failed, scope="login-ip", on_breach=_login_page_again
)
login_per_account = limiter.limit(
    configured("RATELIMIT_LOGIN_ACCOUNT"),
    key_func=submitted_email,
    deduct_when=failed,
    scope="login-account",
    on_breach=_login_page_again,
)

_GHOST_LOCK = parse(f"{LOCKOUT_ATTEMPTS} per {LOCKOUT_MINUTES} minutes")


def _ghost():
    """The limiter's storage; its own when the limits are switched off (the lock itself stays on)."""
    if limiter.enabled:
        return FixedWindowRateLimiter(limiter.storage)
    storage = current_app.extensions.setdefault(
        "careerup_ghost_lock", storage_from_string(current_app.config["RATELIMIT_STORAGE_URI"])
    )
    return FixedWindowRateLimiter(storage)


def ghost_failure(email):
    """Counts a wrong password for an address without an account: (tries left, lock end or None)."""
    key = ("ghost-login", login_key(email))
    _ghost().hit(_GHOST_LOCK, *key)
    return ghost_state(email)


def ghost_state(email):
    key = ("ghost-login", login_key(email))
    reset_at, left = _ghost().get_window_stats(_GHOST_LOCK, *key)
    if left > 0:
        return left, None
    return 0, datetime.fromtimestamp(reset_at, UTC).replace(tzinfo=None)


def per_ip(name):
    """Every request counts (sign-up, reset mail, inquiry): each one may send a mail."""
    return limiter.limit(configured(name), scope=name.lower())


def per_address(name):
    """Requests naming one e-mail address, whoever sends them."""
    return limiter.limit(configured(name), key_func=submitted_email, scope=name.lower())
