"""代行申請同意書 for a worker's or company's changes and work history (Q1-1 ②④⑤): the company names the
principal, the actions and the companies in between, prints the pre-filled form and records the signed
copy, or asks a worker with a login to consent in the app."""

from flask import flash, g, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from blueprints.company import bp
from blueprints.company.proxy_forms import MandateStartForm, SignedForm
from blueprints.company.proxy_messages import proxy_error_message, signed_consent_error
from blueprints.shared import changeforms
from blueprints.shared.downloads import send_download
from documents.proxy_consent import mandate_pdf
from extensions import db
from models.core.base import get_owned_or_404
from models.history.work_entries import WorkEntry
from models.registration import proxy_mandates as mandates
from models.registration.changes import ChangeRequest
from models.registration.proxy import ProxyError
from tasks import notices


def _mandate(consent_id):
    return get_owned_or_404(mandates.of_company(g.company), consent_id)


def _list(form=None, error=None, status=200):
    consents = list(mandates.of_company(g.company))
    return render_template(
        "company/proxy_mandates.html", consents=consents, form=form or MandateStartForm(), error=error
    ), status


def _detail(consent, form=None, error=None, status=200):
    filed = {
        "changes": list(
            ChangeRequest.select().where(ChangeRequest.proxy_consent == consent).order_by(ChangeRequest.id.desc())
        ),
        "entries": list(WorkEntry.select().where(WorkEntry.proxy_consent == consent).order_by(WorkEntry.id.desc())),
    }
    return render_template(
        "company/proxy_mandate.html",
        consent=consent,
        form=form or SignedForm(),
        error=error,
        sections=changeforms.section_titles(consent.principal),
        **filed,
    ), status


@bp.get("/proxy/mandates")
def proxy_mandates():
    return _list()


@bp.post("/proxy/mandates")
def proxy_mandate_start():
    form = MandateStartForm()
    if not form.validate_on_submit():
        return _list(form, status=400)
    kind = form.principal.data
    try:
        principal = mandates.find_principal(kind, form.principal_id.data, form.birth_date.data)
        consent = mandates.start(g.company, current_user.id, kind, principal, form.actions.data, form.via_ids())
    except ProxyError as error:
        return _list(form, proxy_error_message(error), 400)
    return redirect(url_for("company.proxy_mandate", consent_id=consent.id))


@bp.get("/proxy/mandates/<int:consent_id>")
def proxy_mandate(consent_id):
    return _detail(_mandate(consent_id))


@bp.get("/proxy/mandates/<int:consent_id>/consent.pdf")
def proxy_mandate_pdf(consent_id):
    pdf = mandate_pdf(_mandate(consent_id), current_user.display_name)
    return send_download(pdf, "proxy_consent.pdf", "application/pdf", attachment=False)


@bp.post("/proxy/mandates/<int:consent_id>/paper")
def proxy_mandate_paper(consent_id):
    consent, form = _mandate(consent_id), SignedForm()
    if not form.validate_on_submit():
        return _detail(consent, form, status=400)
    error = signed_consent_error(
        form, lambda data, name: mandates.record_paper(consent, current_user.id, form.consenter_name.data, data, name)
    )
    if error:
        return _detail(consent, form, error, 400)
    flash(_("代行申請同意書を登録しました。"), "success")
    return redirect(url_for("company.proxy_mandate", consent_id=consent_id))


@bp.post("/proxy/mandates/<int:consent_id>/ask")
def proxy_mandate_ask(consent_id):
    consent = _mandate(consent_id)
    try:
        with db.atomic():
            mandates.ask_in_app(consent)
            notices.proxy_consent_asked(consent.id)
    except ProxyError as error:
        return _detail(consent, error=proxy_error_message(error), status=400)
    flash(_("本人に、アプリで同意するよう依頼しました。"), "success")
    return redirect(url_for("company.proxy_mandate", consent_id=consent_id))
