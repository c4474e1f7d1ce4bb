from flask import current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import format_datetime, ngettext
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from blueprints.auth import bp
from blueprints.auth.login_forms import ForgotForm, LoginForm, ResetForm, SignupForm, SwitchForm
from blueprints.shared import session_guard
from blueprints.shared.roles import activate, active_key, default_home, identities
from extensions import db
from models.accounts import LOCKOUT_ATTEMPTS, Account
from models.clock import utcnow
from models.notices import reactivate
from models.tokens import read_token
from tasks import notices
from tasks.urls import safe_next


def _lang():
    return session.get("lang", "ja")


def _fresh_session():
    """A new session at login and logout, keeping only the chosen language."""
    lang = session.get("lang")
    session.clear()
    if lang:
        session["lang"] = lang


@bp.get("/signup")
def signup_form():
    return render_template("auth/signup.html", form=SignupForm())


@bp.post("/signup")
def signup():
    form = SignupForm()
    if not form.validate_on_submit():
        return render_template("auth/signup.html", form=form), 400
    email = form.email.data.strip().lower()
    if Account.by_email(email):
        form.email.errors.append(
            _("このメールアドレスは既に登録されています。ログインするか、パスワードを再設定してください。")
        )
        return render_template("auth/signup.html", form=form), 400
    with db.atomic():
        account = Account(email=email, display_name=form.display_name.data.strip(), lang=_lang())
        account.set_password(form.password.data)
        account.save()
        notices.signup_confirmation(account.id)
    return render_template("auth/signup_sent.html", email=email)


@bp.get("/confirm/<token>")
def confirm(token):
    account, problem = read_token(
        current_app.config["SECRET_KEY"], "confirm", token, current_app.config["CONFIRM_TOKEN_MAX_AGE"]
    )
    if account is None:
        return render_template("auth/token_problem.html", problem=problem), 400
    if not account.confirmed:
        account.email_confirmed_at = utcnow()
        account.save()
    login_user(account)
    session_guard.remember(account.register_success())
    flash(_("メールアドレスを確認しました。"), "success")
    return redirect(default_home(account))


def _locked_message(account):
    return _(
        "パスワードを%(n)d回続けて間違えたため、ロックしています。%(time)s に解除されます。"
        "パスワードを忘れた場合は再設定してください。",
        n=LOCKOUT_ATTEMPTS,
        time=format_datetime(account.locked_until, "HH:mm"),
    )


@bp.get("/login")
def login_form():
    return render_template("auth/login.html", form=LoginForm())


@bp.post("/login")
def login():
    form = LoginForm()
    if not form.validate_on_submit():
        return render_template("auth/login.html", form=form), 400
    account = Account.by_email(form.email.data)
    if account is not None and account.locked():
        return render_template("auth/login.html", form=form, error=_locked_message(account)), 403
    if account is None or not account.check_password(form.password.data):
        if account is None:
            error = _("メールアドレスまたはパスワードが違います。")
        else:
            account.register_failure()
            if account.locked():
                return render_template("auth/login.html", form=form, error=_locked_message(account)), 403
            error = ngettext(
                "メールアドレスまたはパスワードが違います（あと%(num)d回間違えるとロックされます）。",
                "メールアドレスまたはパスワードが違います（あと%(num)d回間違えるとロックされます）。",
                LOCKOUT_ATTEMPTS - account.failed_logins,
            )
        return render_template("auth/login.html", form=form, error=error), 401
    if not account.confirmed:
        return render_template(
            "auth/login.html",
            form=form,
            error=_("メールアドレスの確認が済んでいません。届いたメールのリンクを開いてください。"),
        ), 403
    if account.deactivated_at is not None:  # 12 months without use (Q5-15); a password reset reopens it
        return render_template(
            "auth/login.html",
            form=form,
            deactivated=True,
            error=_(
                "12ヶ月以上ご利用がなかったため、このアカウントの利用を停止しています（利用規約 第12条）。"
                "登録内容と就業履歴は残っています。パスワードを再設定すると利用を再開できます。"
            ),
        ), 403
    _fresh_session()
    login_user(account)
    session_guard.remember(account.register_success())
    home = default_home(account)
    return redirect(safe_next(request.args.get("next")) or home)


@bp.post("/logout")
def logout():
    logout_user()
    _fresh_session()
    flash(_("ログアウトしました。"), "success")
    return redirect(url_for("auth.login_form"))


@bp.get("/password/forgot")
def forgot_form():
    return render_template("auth/forgot.html", form=ForgotForm())


@bp.post("/password/forgot")
def forgot():
    form = ForgotForm()
    if not form.validate_on_submit():
        return render_template("auth/forgot.html", form=form), 400
    account = Account.by_email(form.email.data)
    if account is not None and account.may_send_reset_mail():
        notices.password_reset(account.id, lang=_lang())
    # Same answer whether or not the address is registered (or was just sent a link).
    return render_template("auth/forgot_sent.html", email=form.email.data)


def _reset_account(token):
    return read_token(current_app.config["SECRET_KEY"], "reset", token, current_app.config["RESET_TOKEN_MAX_AGE"])


@bp.get("/password/reset/<token>")
def reset_form(token):
    account, problem = _reset_account(token)
    if account is None:
        return render_template("auth/token_problem.html", problem=problem), 400
    return render_template("auth/reset.html", form=ResetForm(), token=token)


@bp.post("/password/reset/<token>")
def reset(token):
    account, problem = _reset_account(token)
    if account is None:
        return render_template("auth/token_problem.html", problem=problem), 400
    form = ResetForm()
    if not form.validate_on_submit():
        return render_template("auth/reset.html", form=form, token=token), 400
    account.set_password(form.password.data)
    account.email_confirmed_at = account.email_confirmed_at or utcnow()
    account.failed_logins, account.locked_until = 0, None
    account.must_change_password = False  # they just chose it themselves
    if account.deactivated_at is not None:
        reactivate(account, utcnow())  # 12-months rule (Q5-15): a reset reopens the account
    account.save()
    flash(_("パスワードを変更しました。新しいパスワードでログインしてください。"), "success")
    return redirect(url_for("auth.login_form"))


@bp.get("/switch")
@login_required
def switch_form():
    form = SwitchForm(target=active_key())
    form.target.choices = identities(current_user)
    return render_template("auth/switch.html", form=form)


@bp.post("/switch")
@login_required
def switch():
    form = SwitchForm()
    form.target.choices = identities(current_user)
    if not form.validate_on_submit():
        return render_template("auth/switch.html", form=form), 400
    home = activate(current_user, form.target.data)
    return redirect(home)
