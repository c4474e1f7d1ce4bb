"""The worker application (技能者情報登録申請) by the applicant: the start (alone or as a one-person
operator), sections saved as drafts (一時保存), detail rows added and removed with htmx, submission,
and the fix mode after a return (不備) where only the returned fields open. What the pages show is
built in worker_pages.py."""

import re

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from blueprints.apply import bp
from blueprints.apply.agreement import posted_agreement, refused_url
from blueprints.apply.payment_views import chosen_payment_method
from blueprints.apply.worker_forms import ROW_FORMS, IdentityForm
from blueprints.apply.worker_pages import (
    PAGE,
    ROW_SECTION,
    ROW_SECTIONS,
    SECTIONS,
    bind,
    employer_message,
    overview,
    read_only_sections,
    row_form,
    row_open,
    rows_answer,
    section_context,
)
from blueprints.shared.attachments import attachment_error_message
from models.accounts.employers import EmployerError, NamedEmployer, name_employer, remove_named_employer
from models.core.base import get_owned_or_404
from models.core.postal import address_for
from models.registration import worker_applications as wa
from models.registration.applications import Application
from models.registration.attachments import MAX_BYTES, AttachmentError
from models.registration.completeness import IncompleteError
from models.registration.consents import ConsentError, submit_agreed
from models.registration.fields.rules import postal_format
from models.registration.proxy import ProxyFiling

SUBMITTED = {
    "resubmitted": _l("修正した内容で再申請しました。審査の結果はメールでお知らせします。"),
    "pair": _l("事業者と技能者の登録申請を送信しました。審査の結果はメールでお知らせします。"),
    "worker": _l("技能者登録の申請を送信しました。審査の結果はメールでお知らせします。"),
}


def _application(app_id):
    return get_owned_or_404(Application.of_applicant(current_user).where(Application.kind == "worker"), app_id)


def _editable(app_id, section=None):
    """The applicant's worker application while it may be changed; a section that does not exist is 404."""
    application = _application(app_id)
    if section is not None and section not in SECTIONS:
        abort(404)
    return application if application.editable else None


# --- start ----------------------------------------------------------------------------------------


def _start_page(form, status=200):
    return render_template("apply/worker_start.html", form=form), status


def already_started():
    existing = Application.of_applicant(current_user).where(Application.kind == "worker").first()
    flash(_("技能者の申請は既に作成されています。"), "info")
    if existing is not None and existing.editable:
        return redirect(url_for("apply.worker_overview", app_id=existing.id))
    return redirect(url_for("apply.portal"))


@bp.get("/worker/new")
def worker_new_form():
    if current_user.worker is not None:
        return already_started()
    return _start_page(IdentityForm())


@bp.post("/worker/new")
def worker_new():
    if current_user.worker is not None:
        return already_started()
    form = IdentityForm()
    if not form.validate_on_submit():
        return _start_page(form, status=400)
    application = wa.start_worker_application(current_user, form.worker_values(form.data))
    flash(_("本人情報を一時保存しました。続けて残りの項目を入力してください。"), "success")
    return redirect(url_for("apply.worker_overview", app_id=application.id))


# --- overview and submission ----------------------------------------------------------------------


def _closed():
    flash(_("この申請は送信済みのため、内容は変更できません。"), "info")
    return redirect(url_for("apply.portal"))


@bp.get("/worker/<int:app_id>")
def worker_overview(app_id):
    application = _editable(app_id)
    return overview(application) if application else _closed()


@bp.post("/worker/<int:app_id>/submit")
def worker_submit(app_id):
    application = _editable(app_id)
    if application is None:
        return _closed()
    if ProxyFiling.of_application(application) is not None:  # a proxy filing is submitted with its consent
        flash(_("代行申請は、代行申請同意書を登録してから代行申請の画面で申請してください。"), "info")
        return redirect(url_for("company.proxy_detail", app_id=application.id))
    if application.status == "draft" and application.partner_id:  # a pair is filed from its combined review
        return redirect(url_for("apply.one_person_review", app_id=application.id))
    resubmission = application.status == "returned"
    method, pay_form = chosen_payment_method(application)
    if pay_form is not None:
        return overview(application, status=400, submit_failed=bool(wa.missing_for(application)), pay_form=pay_form)
    account = current_user._get_current_object()
    try:
        submitted = submit_agreed(
            account,
            [application],
            posted_agreement(),
            wa.missing_for(application),
            lambda: wa.submit_worker_application(application, account, method),
        )
    except ConsentError:
        return redirect(refused_url("apply.worker_overview", app_id=application.id))
    except IncompleteError:
        return overview(application, status=400, submit_failed=True)
    flash(str(SUBMITTED["resubmitted" if resubmission else "pair" if len(submitted) == 2 else "worker"]), "success")
    return redirect(url_for("apply.portal"))


@bp.get("/worker/<int:app_id>/view")
def worker_view(app_id):
    """A sent application read-only: every answer and file as the reviewer received it."""
    application = _application(app_id)
    if application.partner_id:
        return redirect(url_for("apply.one_person_review", app_id=app_id))
    return render_template("apply/worker_view.html", application=application, sections=read_only_sections(application))


# --- sections -------------------------------------------------------------------------------------


@bp.get("/worker/<int:app_id>/<section>")
def worker_section(app_id, section):
    application = _editable(app_id, section)
    if application is None:
        return _closed()
    return render_template(PAGE, **section_context(application, section))


@bp.post("/worker/<int:app_id>/<section>")
def worker_section_save(app_id, section):
    application = _editable(app_id, section)
    if application is None:
        return _closed()
    if section in ROW_SECTIONS:
        abort(405)
    form = bind(application, section, posted=True)
    if not form.open_fields:
        flash(_("この項目は変更できません。"), "info")
        return redirect(url_for("apply.worker_section", app_id=app_id, section=section))
    valid = form.validate_on_submit()
    stored_ok = store_uploads(application.worker, form) if section == "documents" else True
    if not (valid and stored_ok):  # files that passed are kept and shown as attached
        return render_template(PAGE, **section_context(application, section, form=form)), 400
    _save_section(application, section, form)
    flash(_("一時保存しました。"), "success")
    return redirect(url_for("apply.worker_overview", app_id=app_id, _anchor=f"step-{section}"))


def store_uploads(worker, form):
    """Stores each chosen file of the open fields; a refused one gets its message beside the input."""
    ok = True
    for field, purpose in form.uploads():
        if field.name not in form.open_fields:
            continue
        try:
            wa.store_worker_file(worker, purpose, field.data.read(MAX_BYTES + 1), field.data.filename)
        except AttachmentError as exc:
            field.errors = list(field.errors) + [attachment_error_message(exc.code)]
            ok = False
    return ok


def _save_section(application, section, form):
    worker = application.worker
    if section == "work":  # the trades before the main one changes
        others = form.trades.data if "trades" in form.open_fields else wa.other_trades(worker)
    wa.save_worker_values(application, form.worker_values(form.open_fields))
    if section == "work":
        wa.set_trades(worker, worker.main_trade, others or [])


# --- detail rows (htmx) ---------------------------------------------------------------------------


def _open_rows(app_id, kind):
    application = _application(app_id)
    if kind not in ROW_FORMS:
        abort(404)
    if not application.editable or not row_open(application, kind):
        abort(403)
    return application


@bp.post("/worker/<int:app_id>/rows/<kind>")
def worker_row_add(app_id, kind):
    application = _open_rows(app_id, kind)
    form = row_form(application, kind)
    if not form.validate_on_submit():
        return rows_answer(application, kind, form, 400)
    try:
        _add_row(application.worker, kind, form)
    except AttachmentError as exc:
        form.certificate.errors = [attachment_error_message(exc.code)]
        return rows_answer(application, kind, form, 400)
    except EmployerError as exc:
        form.business_id.errors = [employer_message(exc.code)]
        return rows_answer(application, kind, form, 400)
    section = redirect(url_for("apply.worker_section", app_id=app_id, section=ROW_SECTION[kind]))
    return rows_answer(application, kind, page=section, page_flash=_("追加しました。"))


def _add_row(worker, kind, form):
    if kind == "employers":
        return name_employer(worker, form.business_id.data, form.kind.data)
    upload = None
    if "certificate" in form:
        upload = (form.certificate.data.read(MAX_BYTES + 1), form.certificate.data.filename)
    return wa.add_row(worker, kind, form.values(), upload)


@bp.post("/worker/<int:app_id>/rows/<kind>/<int:row_id>/delete")
def worker_row_delete(app_id, kind, row_id):
    application = _open_rows(app_id, kind)
    worker = application.worker
    if kind == "employers":
        named = get_owned_or_404(NamedEmployer.select().where(NamedEmployer.worker == worker), row_id)
        remove_named_employer(named)
    elif not wa.remove_row(worker, kind, row_id):
        abort(404)
    section = redirect(url_for("apply.worker_section", app_id=app_id, section=ROW_SECTION[kind]))
    return rows_answer(application, kind, page=section, page_flash=_("削除しました。"))


# --- postal code → address (htmx) -----------------------------------------------------------------


@bp.get("/postal-code")
def postal_lookup():
    """The address of a 7-digit postal code, offered beside the address field (never written into it
    here: the page decides, see static/js/app.js). Before 7 digits nothing changes (204)."""
    code = postal_format(request.args.get("postal_code") or "")
    if not re.fullmatch(r"\d{3}-\d{4}", code):
        return "", 204
    return render_template("apply/partials/_postal_offer.html", found=address_for(code))
