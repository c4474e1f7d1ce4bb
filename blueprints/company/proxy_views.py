"""代行申請: the worker applications this company files on the workers' behalf — the consent form
pre-filled to print, the signed consent recorded with every company in between, then submission."""

from flask import abort, flash, g, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from blueprints.company import bp
from blueprints.company.proxy_forms import ConsentForm, ProxyCompanyStartForm, ProxyNewForm, ViaForm
from blueprints.company.proxy_messages import proxy_error_message, signed_consent_error
from blueprints.shared.downloads import send_download
from documents.proxy_consent import consent_pdf
from extensions import db
from models.registration.completeness import IncompleteError, company_missing_fields
from models.registration.fields.sets import field_labels
from models.registration.proxy import (
    ProxyError,
    ProxyFiling,
    ask_in_app,
    asked_in_app,
    file_company,
    hand_over,
    record_paper_consent,
    submit_filing,
)
from models.registration.proxy_drafts import file_one
from models.registration.worker_applications import missing_for
from tasks import notices


def _filing(app_id):
    """The company's own proxy filing of application `app_id`; anyone else's is a 404."""
    filing = ProxyFiling.of_company(g.company).where(ProxyFiling.application == app_id).first()
    if filing is None:
        abort(404)
    return filing


def _missing(filing):
    """What the draft still lacks, by label (the worker's or the company's application rules)."""
    if not filing.application.editable:
        return {}
    if filing.kind == "company":
        return company_missing_fields(filing.application)
    return missing_for(filing.application).get("worker", {})


def _detail(filing, form=None, error=None, status=200):
    labels = field_labels(filing.kind)
    items = [labels.get(name, name) for names in _missing(filing).values() for name in names]
    context = {"filing": filing, "consent": filing.consent(), "asked": asked_in_app(filing), "missing": items}
    context.update(error=error, via_form=ViaForm(formdata=None, prefix="ask"))
    return render_template("company/proxy_detail.html", form=form or ConsentForm(), **context), status


@bp.get("/proxy")
def proxy_index():
    filings = list(ProxyFiling.of_company(g.company))
    return render_template("company/proxy_index.html", filings=filings)


@bp.get("/proxy/<int:app_id>")
def proxy_detail(app_id):
    return _detail(_filing(app_id))


@bp.get("/proxy/<int:app_id>/consent.pdf")
def proxy_consent_pdf(app_id):
    filing = _filing(app_id)
    consent = filing.consent()
    pdf = consent_pdf(filing, current_user.display_name, consent.chain() if consent else ())
    return send_download(pdf, "proxy_consent.pdf", "application/pdf", attachment=False)


@bp.post("/proxy/<int:app_id>/consent")
def proxy_consent(app_id):
    filing = _filing(app_id)
    form = ConsentForm()
    if not form.validate_on_submit():
        return _detail(filing, form, status=400)
    error = signed_consent_error(
        form,
        lambda data, name: record_paper_consent(
            filing, current_user.id, form.consenter_name.data, form.via_ids(), data, name
        ),
    )
    if error:
        return _detail(filing, form, error, 400)
    flash(_("代行申請同意書を登録しました。"), "success")
    return redirect(url_for("company.proxy_detail", app_id=app_id))


@bp.post("/proxy/<int:app_id>/submit")
def proxy_submit(app_id):
    filing = _filing(app_id)
    try:
        submit_filing(filing, current_user._get_current_object())
    except ProxyError as error:
        return _detail(filing, error=proxy_error_message(error), status=400)
    except IncompleteError:
        return _detail(filing, error=_("未入力・未添付の項目があります。入力してから申請してください。"), status=400)
    if filing.kind == "company":
        flash(_("%(name)s の事業者登録を代行申請しました。", name=filing.principal_name), "success")
    else:
        flash(_("%(name)s さんの技能者登録を代行申請しました。", name=filing.worker.full_name), "success")
    return redirect(url_for("company.proxy_index"))


@bp.post("/proxy/<int:app_id>/hand-over")
def proxy_hand_over(app_id):
    filing = _filing(app_id)
    try:
        hand_over(filing, current_user._get_current_object())
    except ProxyError as error:
        return _detail(filing, error=proxy_error_message(error), status=400)
    flash(_("この下書きの入力担当になりました。"), "success")
    return redirect(url_for("company.proxy_detail", app_id=app_id))


@bp.post("/proxy/<int:app_id>/ask")
def proxy_ask(app_id):
    filing = _filing(app_id)
    try:
        with db.atomic():
            consent = ask_in_app(filing, current_user.id, ViaForm(prefix="ask").via_ids())
            notices.proxy_consent_asked(consent.id)
    except ProxyError as error:
        return _detail(filing, error=proxy_error_message(error), status=400)
    flash(_("本人に、アプリで同意するよう依頼しました。"), "success")
    return redirect(url_for("company.proxy_detail", app_id=app_id))


@bp.post("/proxy/<int:app_id>/invite")
def proxy_invite(app_id):
    filing = _filing(app_id)
    worker = filing.worker
    if worker is None or not worker.email or worker.account_id is not None:
        return _detail(
            filing,
            error=_("招待メールは、本人のメールアドレスがあり、まだログインIDがない場合に送れます。"),
            status=400,
        )
    with db.atomic():
        notices.proxy_takeover(filing.id)
    flash(_("%(email)s にログインIDの引き継ぎ案内を送りました。", email=worker.email), "success")
    return redirect(url_for("company.proxy_detail", app_id=app_id))


@bp.get("/proxy/new")
def proxy_new_form():
    return render_template("company/proxy_new.html", form=ProxyNewForm())


@bp.post("/proxy/new")
def proxy_new():
    form = ProxyNewForm()
    if not form.validate_on_submit():
        return render_template("company/proxy_new.html", form=form), 400
    try:
        filing = file_one(g.company, current_user._get_current_object(), form.worker_values())
    except ProxyError as error:
        return render_template("company/proxy_new.html", form=form, error=proxy_error_message(error)), 400
    flash(_("%(name)s さんの代行申請の下書きを作りました。", name=filing.worker.full_name), "success")
    return redirect(url_for("company.proxy_detail", app_id=filing.application_id))


@bp.get("/proxy/company/new")
def proxy_company_new_form():
    return render_template("company/proxy_company_new.html", form=ProxyCompanyStartForm())


@bp.post("/proxy/company/new")
def proxy_company_new():
    form = ProxyCompanyStartForm()
    if not form.validate_on_submit():
        return render_template("company/proxy_company_new.html", form=form), 400
    filing = file_company(g.company, current_user._get_current_object(), form.entity_type.data)
    flash(_("事業者の代行申請の下書きを作りました。申請内容を入力してください。"), "success")
    return redirect(url_for("company.proxy_detail", app_id=filing.application_id))
