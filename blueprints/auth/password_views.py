"""Forgotten password (mailed link), reset, and changing one's password; an issued (initial) password
must be changed before anything else. A new password ends every older session and mailed link."""

from flask import current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from blueprints.auth import bp, throttle
from blueprints.auth.login_forms import ForgotForm, ResetForm
from blueprints.auth.password_forms import PasswordChangeForm
from blueprints.shared import session_guard
from blueprints.shared.roles import default_home
from config import signing_keys
from extensions import db
from models.accounts.logins import find_account
from models.accounts.notices import reactivate
from models.accounts.tokens import read_token
from models.core.clock import utcnow
from tasks import notices
from tasks.urls import safe_next


@bp.get("/password/forgot")
def forgot_form():
    return render_template("auth/forgot.html", form=ForgotForm())


@bp.post("/password/forgot")
@throttle.per_ip("RATELIMIT_RESET_IP")
@throttle.per_address("RATELIMIT_RESET_ADDRESS")
def forgot():
    form = ForgotForm()
    if not form.validate_on_submit():
        return render_template("auth/forgot.html", form=form), 400
    account = find_account(form.email.data)
    if account is not None:
        with db.atomic():
            if account.may_send_reset_mail():
                notices.password_reset(account.id, session.get("lang", "ja"))
    # Same answer whether or not the login is registered (or was just sent a link).
    return render_template("auth/forgot_sent.html", login=form.email.data)


def _reset_account(token):
    return read_token(signing_keys(current_app.config), "reset", token, current_app.config["RESET_TOKEN_MAX_AGE"])


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


@bp.get("/password/change")
@login_required
def password_change_form():
    return render_template(
        "auth/password_change.html", form=PasswordChangeForm(), forced=current_user.must_change_password
    )


@bp.post("/password/change")
@login_required
def password_change():
    form = PasswordChangeForm()
    valid = form.validate_on_submit()
    if valid and not current_user.check_password(form.current.data):
        form.current.errors.append(_("現在のパスワードが違います。"))
        valid = False
    if not valid:
        return render_template("auth/password_change.html", form=form, forced=current_user.must_change_password), 400
    account = current_user._get_current_object()
    account.set_password(form.password.data)  # every other session ends here
    account.must_change_password = False
    account.save()
    session_guard.remember(account)  # this one carries on
    flash(_("パスワードを変更しました。"), "success")
    return redirect(safe_next(request.args.get("next")) or default_home(account))
