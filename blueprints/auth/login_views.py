"""Sign-up, e-mail confirmation, login and logout. Nothing here tells a known address from an
unknown one: same answers, same hashing work, and mail goes only to the address's owner."""

from flask import flash, redirect, render_template, request, session, url_for
from flask_babel import format_datetime, ngettext
from flask_babel import gettext as _
from flask_login import current_user, login_required

from blueprints.auth import bp, throttle
from blueprints.auth.login_forms import LoginForm, SwitchForm
from blueprints.shared import session_guard
from blueprints.shared.roles import activate, active_key, default_home, identities
from extensions import db
from models.accounts.accounts import LOCKOUT_ATTEMPTS
from models.accounts.admins import invitations_for
from models.accounts.login_locks import unknown_address_failure, unknown_address_state
from models.accounts.logins import authenticate, find_account, login_key
from tasks import notices
from tasks.urls import safe_next


def _lang():
    return session.get("lang", "ja")


def _answer(form, error, status, **extra):
    return render_template("auth/login.html", form=form, error=error, **extra), status


def _locked(form, until):
    message = _(
        "パスワードを%(n)d回続けて間違えたため、ロックしています。%(time)s に解除されます。"
        "パスワードを忘れた場合は再設定してください。",
        n=LOCKOUT_ATTEMPTS,
        time=format_datetime(until, "HH:mm"),
    )
    return _answer(form, message, 403)


def _wrong_password(form, account, login_text):
    """Known or not, the login gets the same countdown and the same lock."""
    if account is None:
        left, until = unknown_address_failure(login_key(login_text))
    else:
        with db.atomic():
            if account.register_failure():
                notices.account_locked(account.id)
        left, until = LOCKOUT_ATTEMPTS - account.failed_logins, account.locked_until if account.locked() else None
    if until is not None:
        return _locked(form, until)
    countdown = ngettext(
        "メールアドレスまたはパスワードが違います（あと%(num)d回間違えるとロックされます）。",
        "メールアドレスまたはパスワードが違います（あと%(num)d回間違えるとロックされます）。",
        left,
    )
    return _answer(form, countdown, 401)


@bp.get("/login")
def login_form():
    return render_template("auth/login.html", form=LoginForm())


@bp.post("/login")
@throttle.login_per_ip
@throttle.login_per_account
def login():
    form = LoginForm()
    if not form.validate_on_submit():
        return render_template("auth/login.html", form=form), 400
    login_text = form.email.data
    known = find_account(login_text)
    until = (
        unknown_address_state(login_key(login_text))[1]
        if known is None
        else (known.locked_until if known.locked() else None)
    )
    if until is not None:
        return _locked(form, until)
    account, right = authenticate(login_text, form.password.data)
    if not right:
        return _wrong_password(form, account, login_text)
    if not account.confirmed:
        return _answer(form, _("メールアドレスの確認が済んでいません。届いたメールのリンクを開いてください。"), 403)
    if account.deactivated_at is not None:  # 12 months without use (Q5-15); a password reset reopens it
        message = _(
            "12ヶ月以上ご利用がなかったため、このアカウントの利用を停止しています（利用規約 第12条）。"
            "登録内容と就業履歴は残っています。パスワードを再設定すると利用を再開できます。"
        )
        return _answer(form, message, 403, deactivated=True)
    account.register_success()
    session_guard.start(account)
    return redirect(safe_next(request.args.get("next")) or default_home(account))


@bp.post("/logout")
def logout():
    """Ends this session and every other session of the account (a copied cookie stops working)."""
    if current_user.is_authenticated:
        current_user.end_sessions()
    session_guard.end()
    flash(_("ログアウトしました。"), "success")
    return redirect(url_for("auth.login_form"))


@bp.post("/logout/others")
@login_required
def logout_others():
    """「ほかの端末をすべてログアウト」: every other session ends; this one carries on."""
    account = current_user._get_current_object()
    account.end_sessions()
    session_guard.remember(account)
    flash(_("ほかの端末のログインをすべて終了しました。"), "success")
    return redirect(url_for("auth.switch_form"))


@bp.get("/switch")
@login_required
def switch_form():
    form = SwitchForm(target=active_key())
    form.target.choices = identities(current_user)
    return render_template("auth/switch.html", form=form, invitations=list(invitations_for(current_user.id)))


@bp.post("/switch")
@login_required
def switch():
    form = SwitchForm()
    form.target.choices = identities(current_user)
    if not form.validate_on_submit():
        return render_template("auth/switch.html", form=form), 400
    home = activate(current_user, form.target.data)
    return redirect(home)
