"""The company (事業者) application, filled section by section on a phone (一時保存), then submitted;
after a return (不備) only the returned fields open again."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from blueprints.apply import bp
from blueprints.apply.agreement import agreement_context, posted_agreement, refused_url
from blueprints.apply.company_forms import SECTION_FORMS, StartForm, UploadForm
from blueprints.apply.payment_views import chosen_payment_method, submit_payment_context
from blueprints.shared.attachments import attachment_error_message, send_attachment
from blueprints.shared.helpers import page_or_fragment
from models.accounts import audit
from models.accounts.companies import split_employment_insurance_number
from models.core.base import get_owned_or_404
from models.registration.applications import Application
from models.registration.attachments import MAX_BYTES, Attachment, AttachmentError
from models.registration.company_application import (
    attachment_removable,
    company_applications_of,
    company_fix_fields,
    open_company_draft,
    start_company_application,
    submit_company_application,
)
from models.registration.completeness import IncompleteError, company_missing_fields
from models.registration.consents import ConsentError, submit_agreed
from models.registration.fields.sets import COMPANY_SECTIONS, field_labels, section_of
from models.registration.fields.values import display_value
from models.registration.proxy import ProxyFiling

SECTIONS = {key: (key, title, fields) for key, title, fields in COMPANY_SECTIONS}
SECTION_ORDER = [key for key, *_rest in COMPANY_SECTIONS]
PAGE, FRAGMENT = "apply/company_section.html", "apply/partials/_company_attachments.html"


def _application(app_id):
    return get_owned_or_404(company_applications_of(current_user), app_id)


def _section(section):
    if section not in SECTIONS:
        abort(404)
    return SECTIONS[section]


def _bind(application, section, posted_fields=None):
    """The section's form from the saved values; on a post, only the fields the applicant may
    change are taken from the request, so a returned application keeps everything else."""
    form_class = SECTION_FORMS[section]
    data = form_class.stored(application.company)
    for name in posted_fields or ():
        data.setlist(name, request.form.getlist(name))
    if posted_fields is not None:
        data.setlist("csrf_token", request.form.getlist("csrf_token"))
    return form_class(formdata=data, entity_type=application.company.entity_type)


def _headings():
    return {
        "licence_authority": _("建設業許可がある場合"),
        "alt_document": _("建設業許可がない場合"),
        "rousai_special": _("労災保険（特別加入）"),
    }


def _purpose_help():
    return {
        "licence_certificate": _("建設業許可がある場合に添付します（建設業許可証明書または許可通知書）。"),
        "alt_document": _("建設業許可がない場合に、選んだ事業者確認書類を添付します（証明日が1年以内のもの）。"),
        "commercial_register": _("「納税証明書＋履歴事項全部証明書」を選んだ場合に、履歴事項全部証明書を添付します。"),
        "insurance_health": _("「加入」の場合に、加入を確認できる書類（保険料の領収証書など）を添付します。"),
        "insurance_pension": _("「加入」の場合に、加入を確認できる書類（保険料の領収証書など）を添付します。"),
        "insurance_employment": _("「加入」の場合に、加入を確認できる書類（労働保険料の申告書など）を添付します。"),
    }


def _deficiency_context(application):
    deficiencies = {d.field: d.message for d in application.open_deficiencies()}
    where = {name: section_of("company", name) for name in deficiencies}
    return {
        "deficiencies": deficiencies,
        "fix": company_fix_fields(application),
        "deficient_sections": set(where.values()),
        "deficient_section_of": where,
        "all_labels": field_labels("company"),
        "missing": company_missing_fields(application),
        "steps": _steps(),
    }


def _shown(company):
    def shown(name):
        return company.name if name == "name" else display_value("company", company, name)

    return shown


def _context(application, section, form=None, upload_error=None, uploaded=None):
    key, title, fields = _section(section)
    labels = dict(fields)
    purposes = [name.split(":", 1)[1] for name, _label in fields if name.startswith("attachment:")]
    files = [a for a in Attachment.of_company(application.company) if a.purpose in purposes]
    company = application.company
    return {
        "application": application,
        "company": company,
        "section": key,
        "title": title,
        "fields": [(name, label) for name, label in fields if not name.startswith("attachment:")],
        "purposes": [(p, labels[f"attachment:{p}"]) for p in purposes],
        "purpose_help": _purpose_help(),
        "files": files,
        "removable": {a.id for a in files if attachment_removable(application, a)},
        "form": form or _bind(application, section),
        "upload_form": UploadForm(),
        "upload_error": upload_error,
        "uploaded": uploaded,
        "next_section": _next(section),
        "headings": _headings(),
        "shown": _shown(company),
        "number_parts": split_employment_insurance_number(company.employment_insurance_number)[0],
        **_deficiency_context(application),
    }


def _steps():
    return [(key, title) for key, title, _fields in COMPANY_SECTIONS]


def _next(section):
    i = SECTION_ORDER.index(section)
    return SECTION_ORDER[i + 1] if i + 1 < len(SECTION_ORDER) else None


@bp.get("/company/new")
def company_new_form():
    draft = open_company_draft(current_user)
    if draft is not None:
        return redirect(url_for("apply.company_section", app_id=draft.id, section="basic"))
    return render_template("apply/company_new.html", form=StartForm())


@bp.post("/company/new")
def company_new():
    form = StartForm()
    if not form.validate_on_submit():
        return render_template("apply/company_new.html", form=form), 400
    application = open_company_draft(current_user) or start_company_application(current_user, form.entity_type.data)
    return redirect(url_for("apply.company_section", app_id=application.id, section="basic"))


@bp.get("/company/<int:app_id>/<section>")
def company_section(app_id, section):
    application = _application(app_id)
    if section == "attachments":  # the upload's own URL, reached by a reload or a language switch
        return redirect(url_for("apply.company_submit_form", app_id=app_id), 303)
    failed, reason = request.args.get("failed"), request.args.get("reason")  # a refused upload (GET-able)
    error = (failed, attachment_error_message(reason)) if failed else None
    return render_template(PAGE, **_context(application, section, upload_error=error))


@bp.post("/company/<int:app_id>/<section>")
def company_section_save(app_id, section):
    application = _application(app_id)
    _key, _title, fields = _section(section)
    editable = [
        name
        for name, _label in fields
        if name in company_fix_fields(application) and not name.startswith("attachment:")
    ]
    if not editable:
        flash(_("この項目は変更できません。"), "info")
        return redirect(url_for("apply.company_section", app_id=app_id, section=section))
    form = _bind(application, section, editable)
    if not form.validate_on_submit():
        return render_template(PAGE, **_context(application, section, form)), 400
    company = application.company
    form.save_to(company, editable)
    audit.save(company, "applicant_edit", current_user._get_current_object(), audited=application.status != "draft")
    flash(_("一時保存しました。"), "success")
    following = _next(section)
    if request.form.get("go") == "next":
        if following:
            return redirect(url_for("apply.company_section", app_id=app_id, section=following))
        return redirect(url_for("apply.company_submit_form", app_id=app_id))
    return redirect(url_for("apply.company_section", app_id=app_id, section=section))


@bp.post("/company/<int:app_id>/attachments")
def company_attachment_upload(app_id):
    application = _application(app_id)
    form = UploadForm()
    purpose = form.purpose.data or ""
    section = section_of("company", f"attachment:{purpose}")
    if section is None:
        abort(404)
    if f"attachment:{purpose}" not in company_fix_fields(application):
        abort(403)
    upload = form.file.data
    try:
        data = upload.read(MAX_BYTES + 1) if upload else b""
        Attachment.store(data, upload.filename if upload else "", purpose, company=application.company)
    except AttachmentError as exc:
        # Without htmx the error has a URL of its own, so a reload or a language switch keeps it.
        anchor = f"attach-{purpose}"
        failed = url_for(
            ".company_section", app_id=app_id, section=section, failed=purpose, reason=exc.code, _anchor=anchor
        )
        error = (purpose, attachment_error_message(exc.code))
        context = _context(application, section, upload_error=error)
        return page_or_fragment(redirect(failed, 303), FRAGMENT, status=400, **context)
    section_page = redirect(url_for("apply.company_section", app_id=app_id, section=section))
    context = _context(application, section, uploaded=purpose)
    return page_or_fragment(section_page, FRAGMENT, page_flash=_("添付しました。"), **context)


@bp.post("/company/<int:app_id>/attachments/<int:attachment_id>/delete")
def company_attachment_delete(app_id, attachment_id):
    application = _application(app_id)
    attachment = get_owned_or_404(Attachment.of_company(application.company), attachment_id)
    section = section_of("company", f"attachment:{attachment.purpose}")
    if not attachment_removable(application, attachment):
        abort(403)
    Attachment.delete_by_id(attachment.id)
    section_page = redirect(url_for("apply.company_section", app_id=app_id, section=section))
    return page_or_fragment(
        section_page, FRAGMENT, page_flash=_("添付ファイルを削除しました。"), **_context(application, section)
    )


@bp.get("/attachments/<int:attachment_id>")
def attachment_view(attachment_id):
    return send_attachment(get_owned_or_404(Application.attachments_of_applicant(current_user), attachment_id))


def _submit_context(application, pay_form=None):
    return {
        **submit_payment_context(application, pay_form),
        **agreement_context(application),
        "application": application,
        "company": application.company,
        "section": "submit",
        "sections": [(key, title, dict(fields)) for key, title, fields in COMPANY_SECTIONS],
        "shown": _shown(application.company),
        "files": list(Attachment.of_company(application.company)),
        **_deficiency_context(application),
    }


@bp.get("/company/<int:app_id>/submit")
def company_submit_form(app_id):
    application = _application(app_id)
    return render_template("apply/company_submit.html", **_submit_context(application))


@bp.post("/company/<int:app_id>/submit")
def company_submit(app_id):
    application = _application(app_id)
    if not application.editable:
        flash(_("この申請は既に送信されています。"), "info")
        return redirect(url_for("apply.portal"))
    if ProxyFiling.of_application(application) is not None:  # a proxy filing is submitted with its consent
        flash(_("代行申請は、代行申請同意書を登録してから代行申請の画面で申請してください。"), "info")
        return redirect(url_for("company.proxy_detail", app_id=application.id))
    if application.partner_id and application.status == "draft":
        # A one-person operator's pair is filed together from the portal, worker half included.
        flash(_("一人親方の申請は、技能者の情報とあわせて確認し、まとめて申請してください。"), "info")
        return redirect(url_for("apply.one_person_review", app_id=application.partner_id))
    method, pay_form = chosen_payment_method(application)
    if pay_form is not None:
        return render_template("apply/company_submit.html", **_submit_context(application, pay_form)), 400
    account = current_user._get_current_object()
    try:
        submit_agreed(
            account,
            [application],
            posted_agreement(),
            company_missing_fields(application),
            lambda: submit_company_application(application, account, payment_method=method),
        )
    except ConsentError:
        return redirect(refused_url("apply.company_submit_form", app_id=application.id))
    except IncompleteError:
        return render_template("apply/company_submit.html", **_submit_context(application)), 400
    flash(_("事業者登録の申請を送信しました。審査の結果はメールでお知らせします。"), "success")
    return redirect(url_for("apply.portal"))
