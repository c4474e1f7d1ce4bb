"""Q1-7: a worker registered by a company (代行申請) takes over their own login from a mailed link, then
sees who filed for them and can consent in the app instead of signing the paper form — to a new
application, and to a company filing their changes and work history (and withdraw that consent)."""

from flask import abort, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from blueprints.auth import bp
from blueprints.auth.login_forms import ResetForm as TakeoverForm  # a new password, typed twice
from config import signing_keys
from models.core.base import get_owned_or_404
from models.registration import proxy_mandates as mandates
from models.registration.proxy import ProxyError, consent_in_app, filings_for_worker, read_takeover, take_over

TAKEOVER_MAX_AGE = 14 * 24 * 3600


def _worker(token):
    return read_takeover(signing_keys(current_app.config), token, TAKEOVER_MAX_AGE)


@bp.get("/takeover/<token>")
def takeover_form(token):
    worker, problem = _worker(token)
    if worker is None:
        return render_template("auth/token_problem.html", problem=problem), 400
    return render_template("auth/proxy_takeover.html", form=TakeoverForm(), token=token, worker=worker)


@bp.post("/takeover/<token>")
def takeover(token):
    worker, problem = _worker(token)
    if worker is None:
        return render_template("auth/token_problem.html", problem=problem), 400
    form, error = TakeoverForm(), None
    if form.validate_on_submit():
        try:
            take_over(worker, form.password.data)
            flash(_("ログインIDを引き継ぎました。メールアドレスとパスワードでログインしてください。"), "success")
            return redirect(url_for("auth.login_form", next=url_for("auth.proxy_filed")))
        except ProxyError:
            error = _("このメールアドレスのログインIDは既にあります。そのパスワードを入力してください。")
    return render_template("auth/proxy_takeover.html", form=form, token=token, worker=worker, error=error), 400


def _own_filings():
    worker = current_user.worker
    return filings_for_worker(worker) if worker is not None else []


@bp.get("/takeover/filed")
@login_required
def proxy_filed():
    worker = current_user.worker
    consents = list(mandates.of_worker(worker)) if worker is not None else []
    return render_template("auth/proxy_filed.html", filings=_own_filings(), consents=consents)


def _own_consent(consent_id):
    worker = current_user.worker
    if worker is None:
        abort(404)
    return get_owned_or_404(mandates.of_worker(worker), consent_id)


@bp.post("/takeover/consents/<int:consent_id>/give")
@login_required
def proxy_consent_give(consent_id):
    consent = _own_consent(consent_id)
    try:
        mandates.give_in_app(consent, current_user._get_current_object())
        flash(_("%(company)s による代行に同意しました。", company=consent.proxy_company.name), "success")
    except ProxyError:
        flash(_("この同意は既に登録済みか、取り消されています。"), "info")
    return redirect(url_for("auth.proxy_filed"))


@bp.post("/takeover/consents/<int:consent_id>/revoke")
@login_required
def proxy_consent_revoke(consent_id):
    consent = _own_consent(consent_id)
    mandates.revoke(consent, current_user._get_current_object())
    flash(_("%(company)s による代行への同意を取り消しました。", company=consent.proxy_company.name), "success")
    return redirect(url_for("auth.proxy_filed"))


@bp.post("/takeover/filed/<int:app_id>/consent")
@login_required
def proxy_filed_consent(app_id):
    filing = next((f for f in _own_filings() if f.application_id == app_id), None)
    if filing is None:
        abort(404)
    consent_in_app(filing, current_user._get_current_object())
    flash(_("%(company)s による代行申請に同意しました。", company=filing.company.name), "success")
    return redirect(url_for("auth.proxy_filed"))
