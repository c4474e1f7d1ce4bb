"""Changing one's password; an issued (initial) password must be changed before anything else."""

from flask import flash, redirect, render_template, request
from flask_babel import gettext as _
from flask_login import current_user, login_required

from blueprints.auth import bp
from blueprints.auth.password_forms import PasswordChangeForm
from blueprints.shared.roles import default_home
from tasks.urls import safe_next


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
    account.set_password(form.password.data)
    account.must_change_password = False
    account.save()
    flash(_("パスワードを変更しました。"), "success")
    return redirect(safe_next(request.args.get("next")) or default_home(account))
