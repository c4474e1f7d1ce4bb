from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_login import current_user

from blueprints.reviewer import bp
from blueprints.reviewer.application_forms import (
    MESSAGE_PRESETS,
    CorrectionForm,
    QueueFilterForm,
    deficiencies_of,
    return_form,
)
from blueprints.reviewer.display import deficiency_rounds, history_rows, review_sections
from blueprints.shared.attachments import send_attachment
from blueprints.shared.fields import message as field_message
from extensions import db
from models.core import clock
from models.core.base import get_owned_or_404
from models.core.clock import utcnow
from models.core.pagination import Page
from models.registration.applications import Application, ApplicationError, attachments_under_review, pair_adjacent
from models.registration.consents import consents_of
from models.registration.fields.values import FieldValueError, display_value, is_correctable
from tasks import notices

# What only a correction can meet; a value's own rule speaks as on the forms (blueprints/shared/fields.py).
CORRECTION_ERRORS = {
    "unknown_field": _l("この項目は補記できません。一覧から選んでください。"),
    "status": _l("審査待ちの申請だけ補記できます。"),
    "internet": _l("インターネット申請は補記できません。添付書類と違う項目は不備として返却してください。"),
    "unchanged": _l("現在の値と同じです。正しい値を入力してください。"),
}


SLIP_ADDRESS_INCOMPLETE = _l(
    "払込票の送付先（技能者はカード送付先、事業者は登録責任者）の郵便番号・住所が不完全なため承認できません。"
    "郵送・窓口申請は補記し、インターネット申請は不備として返却してください。"
)


def _reviewer():
    return current_user._get_current_object()


def _application(app_id):
    return get_owned_or_404(Application.reviewable(), app_id)


@bp.get("/")
def queue():
    form = QueueFilterForm(formdata=request.args)
    filters = form.filters()
    page = Page(Application.queue(**filters), request.args.get("page"))
    return render_template(
        "reviewer/queue.html",
        form=form,
        filters=filters,
        page=page,
        applications=pair_adjacent(page.items),
        now=utcnow(),
    )


def _detail(application, return_with=None, correction=None, status=200):
    attachments = application.attachments()
    if correction is None:
        field = request.args.get("correct", "")
        subject = application.company if application.kind == "company" else application.worker
        value = display_value(application.kind, subject, field) if is_correctable(application.kind, field) else ""
        correction = CorrectionForm(application.kind, formdata=None, field=field, value=value)
    return render_template(
        "reviewer/application_detail.html",
        application=application,
        attachments=attachments,
        sections=review_sections(application, attachments),
        history=history_rows(application),
        deficiency_rounds=deficiency_rounds(application),
        open_deficiencies={d.field: d.message for d in application.open_deficiencies()},
        return_form=return_with or return_form(application.kind, bound=False),
        correction=correction,
        presets=MESSAGE_PRESETS,
        fee=application.expected_fee() if application.status == "submitted" else None,
        invoice=application.invoice(),
        consents=consents_of(application),
        now=utcnow(),
    ), status


@bp.get("/applications/<int:app_id>")
def application_detail(app_id):
    return _detail(_application(app_id))


@bp.post("/applications/<int:app_id>/return")
def application_return(app_id):
    application = _application(app_id)
    if application.status != "submitted":
        flash(_("この申請は既に処理されています。"), "info")
        return redirect(url_for("reviewer.application_detail", app_id=app_id))
    form = return_form(application.kind)
    deficiencies = deficiencies_of(form) if form.validate_on_submit() else None
    if deficiencies is None:
        return _detail(application, return_with=form, status=400)
    try:
        with db.atomic():
            application.return_with(_reviewer(), deficiencies)
            notices.deficiency(application.id)
    except ApplicationError:
        flash(_("この申請は既に処理されています。"), "info")
        return redirect(url_for("reviewer.application_detail", app_id=app_id))
    flash(
        ngettext(
            "%(name)s の申請を不備返却しました（%(num)d項目）。",
            "%(name)s の申請を不備返却しました（%(num)d項目）。",
            len(deficiencies),
            name=application.subject_name,
        ),
        "success",
    )
    return redirect(url_for("reviewer.queue"))


@bp.post("/applications/<int:app_id>/corrections")
def application_correct(app_id):
    application = _application(app_id)
    refused = "status" if application.status != "submitted" else None if application.correctable else "internet"
    if refused:
        flash(CORRECTION_ERRORS[refused], "error")
        return redirect(url_for("reviewer.application_detail", app_id=app_id))
    form = CorrectionForm(application.kind)
    if form.validate_on_submit():
        try:
            application.correct(_reviewer(), form.field.data, form.value.data, form.comment.data.strip())
        except FieldValueError as error:
            target = form.field if error.code == "unknown_field" else form.value
            text = CORRECTION_ERRORS.get(error.code) or field_message(application.kind, form.field.data, error.code)
            target.errors = list(target.errors) + [text]
        else:
            flash(_("補記しました。"), "success")
            return redirect(url_for("reviewer.application_detail", app_id=app_id) + "#history")
    return _detail(application, correction=form, status=400)


@bp.post("/applications/<int:app_id>/approve")
def application_approve(app_id):
    application = _application(app_id)
    if application.status == "returned":
        flash(_("不備返却中の申請は承認できません。申請者の再申請を待ってください。"), "error")
        return redirect(url_for("reviewer.application_detail", app_id=app_id))
    if application.status != "submitted":
        flash(_("この申請は既に処理されています。"), "info")
        return redirect(url_for("reviewer.queue"))
    try:
        with db.atomic():
            application.approve(_reviewer(), clock.today())
            notices.application_approved(application.id)
    except ApplicationError as error:
        if error.code == "slip_address":
            flash(SLIP_ADDRESS_INCOMPLETE, "error")
            return redirect(url_for("reviewer.application_detail", app_id=app_id))
        flash(_("この申請は既に処理されています。"), "info")
        return redirect(url_for("reviewer.queue"))
    flash(_approved_message(application), "success")
    return redirect(url_for("reviewer.queue"))


def _approved_message(application):
    """What was approved and the ID issued."""
    if application.kind == "company":
        return _(
            "%(name)s の事業者登録を承認し、事業者ID %(id)s を発行しました。",
            name=application.subject_name,
            id=application.company.business_id,
        )
    return _(
        "%(name)s の技能者登録を承認し、技能者ID %(id)s を発行しました。",
        name=application.subject_name,
        id=application.worker.worker_id,
    )


@bp.get("/attachments/<int:attachment_id>")
def attachment(attachment_id):
    return send_attachment(get_owned_or_404(attachments_under_review(), attachment_id))
