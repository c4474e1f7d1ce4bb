"""One active session per admin ID: a newer login elsewhere ends this one, and says why."""

from flask import flash, redirect, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, logout_user

NONCE_KEY = "session_nonce"


def remember(nonce):
    session[NONCE_KEY] = nonce


def check():
    if not current_user.is_authenticated or request.endpoint in (None, "static"):
        return None
    if current_user.deactivated_at is not None:
        return _end(_("このIDは12か月以上ご利用がなかったため停止されています。パスワードを再設定すると再開できます。"))
    if current_user.single_session and session.get(NONCE_KEY) != current_user.session_nonce:
        return _end(_("同じIDで別の場所からログインがあったため、この画面はログアウトしました。"))
    return None


def _end(message):
    logout_user()
    lang = session.get("lang")
    session.clear()
    if lang:
        session["lang"] = lang
    flash(message, "info")
    return redirect(url_for("auth.login_form"))
