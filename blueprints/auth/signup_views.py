"""Sign-up, the mail-sent page (resend, correct a mistyped address) and the e-mail confirmation.
Nothing here tells a known address from an unknown one: the same answers and the same hashing work;
mail goes only to the address's owner. The confirmation link leads straight to the application
the person chose on the landing page (一人親方 → its first step, their name already in 姓/名)."""

from flask import abort, current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _

from blueprints.auth import bp, throttle
from blueprints.auth.login_forms import CorrectEmailForm, SignupForm
from blueprints.shared import session_guard
from blueprints.shared.roles import default_home
from config import signing_keys
from extensions import db
from models.accounts.accounts import Account, hash_password
from models.accounts.tokens import read_token
from models.core.clock import utcnow
from tasks import notices

# What the person came to do → where the confirmation link leads.
INTENTS = {
    "one-person": "apply.one_person_form",
    "worker": "apply.worker_new_form",
    "company": "apply.company_new_form",
}


def _lang():
    return session.get("lang", "ja")


def _mail_for(email, intent, account=None):
    """The one mail a sign-up sends: a confirmation link to a new or unconfirmed account, a notice to
    the owner of a confirmed one. Called inside the transaction of what the sign-up changed."""
    account = account or Account.by_email(email)
    if account is None:
        return
    if not account.confirmed:
        notices.signup_confirmation(account.id, _lang(), intent if intent in INTENTS else None)
        return
    notices.signup_existing(account.id)


def _sent_page(status=200, correct_form=None):
    pending = session.get("signup")
    if not pending:
        return redirect(url_for("auth.signup_form"))
    form = correct_form or CorrectEmailForm(email=pending["email"])
    return render_template("auth/signup_sent.html", email=pending["email"], form=form), status


@bp.get("/signup")
def signup_form():
    intent = request.args.get("for")
    return render_template("auth/signup.html", form=SignupForm(intent=intent if intent in INTENTS else ""))


@bp.post("/signup")
@throttle.per_ip("RATELIMIT_SIGNUP_IP")
@throttle.per_address("RATELIMIT_SIGNUP_ADDRESS")
def signup():
    form = SignupForm()
    if not form.validate_on_submit():
        return render_template("auth/signup.html", form=form), 400
    email, intent = form.email.data.strip().lower(), form.intent.data
    account, created = Account.by_email(email), None
    if account is not None:  # the same work as a new account
        hash_password(form.password.data)
    with db.atomic():
        if account is None:
            account = Account(email=email, display_name=form.display_name.data.strip(), lang=_lang())
            account.set_password(form.password.data)
            account.save()
            created = account.id
        _mail_for(email, intent, account)
    session["signup"] = {"email": email, "intent": intent, "account": created}
    return _sent_page()


@bp.get("/signup/sent")
def signup_sent():
    return _sent_page()


@bp.post("/signup/resend")
@throttle.per_ip("RATELIMIT_SIGNUP_IP")
def signup_resend():
    pending = session.get("signup") or abort(404)
    with db.atomic():
        _mail_for(pending["email"], pending["intent"])
    flash(_("確認メールをもう一度送りました。"), "success")
    return redirect(url_for("auth.signup_sent"))


@bp.post("/signup/correct")
@throttle.per_ip("RATELIMIT_SIGNUP_IP")
@throttle.per_address("RATELIMIT_SIGNUP_ADDRESS")
def signup_correct():
    """A mistyped address: the account this browser just created moves to the corrected one (while
    unconfirmed and the corrected one is free) and the link goes there."""
    pending = session.get("signup") or abort(404)
    form = CorrectEmailForm()
    if not form.validate_on_submit():
        return _sent_page(400, form)
    email = form.email.data.strip().lower()
    mine = Account.get_or_none(Account.id == pending["account"]) if pending["account"] else None
    with db.atomic():
        if mine is not None and not mine.confirmed and Account.by_email(email) is None:
            mine.email = email
            mine.save()
        _mail_for(email, pending["intent"], mine if mine is not None and mine.email == email else None)
    session["signup"] = {**pending, "email": email}
    flash(_("%(email)s に確認メールを送りました。", email=email), "success")
    return redirect(url_for("auth.signup_sent"))


@bp.get("/confirm/<token>")
def confirm(token):
    """Confirms once (and signs in the person who just signed up); later uses ask for a login."""
    secret, max_age = signing_keys(current_app.config), current_app.config["CONFIRM_TOKEN_MAX_AGE"]
    account, problem = read_token(secret, "confirm", token, max_age)
    if account is None or account.confirmed:
        return render_template("auth/token_problem.html", problem=problem or "used"), 400
    account.email_confirmed_at = utcnow()
    account.register_success()
    session_guard.start(account)
    session.pop("signup", None)
    intent = request.args.get("for")
    if intent in INTENTS:
        return redirect(url_for(INTENTS[intent]))
    flash(_("メールアドレスを確認しました。"), "success")
    return redirect(default_home(account))
