"""Server-side session checks on every request: the account's session version (logout, password
change or reset, deactivation and "log out everywhere" end every older session) and one active
session per admin ID (a newer login elsewhere ends this one, and says why)."""

from flask import current_app, flash, redirect, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user

NONCE_KEY = "session_nonce"
VERSION_KEY = "session_version"


def start(account):
    """A new session at login: nothing of the old session is kept but the chosen language. A language
    chosen before logging in becomes the account's; otherwise the account's own is used."""
    fresh()
    if "lang" in session:
        account.remember_language(session["lang"])
    elif account.lang in current_app.config["LANGUAGES"]:
        session["lang"] = account.lang
    login_user(account)
    remember(account)


def remember(account):
    """Binds this session to the account's current session version and admin nonce."""
    session[NONCE_KEY] = account.session_nonce
    session[VERSION_KEY] = account.session_version


def end():
    """Logs this browser out (the caller ends the account's other sessions)."""
    logout_user()
    fresh()


def fresh():
    lang = session.get("lang")
    session.clear()
    if lang:
        session["lang"] = lang


def check():
    if not current_user.is_authenticated or request.endpoint in (None, "static"):
        return None
    if current_user.deactivated_at is not None:
        return _end(_("このIDは12か月以上ご利用がなかったため停止されています。パスワードを再設定すると再開できます。"))
    if session.get(VERSION_KEY) != current_user.session_version:
        return _end(_("ログアウトまたはパスワードの変更があったため、この画面はログアウトしました。"))
    if current_user.single_session and session.get(NONCE_KEY) != current_user.session_nonce:
        return _end(_("同じIDで別の場所からログインがあったため、この画面はログアウトしました。"))
    return None


def _end(message):
    end()
    flash(message, "info")
    return redirect(url_for("auth.login_form"))
