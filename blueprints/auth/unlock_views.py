"""The link mailed to the owner when wrong passwords lock their account (seed Q1-6): it opens the
lock at once, for that lock only. The page asks for a click, so a mail scanner opening it does nothing."""

from flask import current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_wtf import FlaskForm

from blueprints.auth import bp
from config import signing_keys
from models.accounts.accounts import Account
from models.accounts.tokens import unsign


def _locked_account(token):
    data, problem = unsign(
        signing_keys(current_app.config), "unlock", token, current_app.config["UNLOCK_TOKEN_MAX_AGE"]
    )
    if data is None:
        return None, problem
    account = Account.get_or_none(Account.id == data.get("a"))
    if account is None or not account.locked() or account.locked_until.isoformat() != data.get("l"):
        return None, "used"
    return account, None


@bp.get("/unlock/<token>")
def unlock_form(token):
    account, problem = _locked_account(token)
    if account is None:
        return render_template("auth/token_problem.html", problem=problem), 400
    return render_template("auth/unlock.html", form=FlaskForm(), token=token)


@bp.post("/unlock/<token>")
def unlock(token):
    account, problem = _locked_account(token)
    if account is None:
        return render_template("auth/token_problem.html", problem=problem), 400
    account.unlock()
    flash(_("ロックを解除しました。ログインしてください。"), "success")
    return redirect(url_for("auth.login_form"))
