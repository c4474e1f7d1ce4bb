"""Rate limits for sign-in, sign-up, reset and inquiry (Flask-Limiter). The lock of an address without
an account is counted in the database (models/accounts/login_locks.py), like an account's."""

from flask import current_app, make_response, render_template, request
from flask_babel import gettext as _

from blueprints.auth.login_forms import LoginForm
from extensions import limiter
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


def per_ip(name):
    """Every request counts (sign-up, reset mail, inquiry): each one may send a mail."""
    return limiter.limit(configured(name), scope=name.lower())


def per_address(name):
    """Requests naming one e-mail address, whoever sends them."""
    return limiter.limit(configured(name), key_func=submitted_email, scope=name.lower())
