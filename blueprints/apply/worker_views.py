"""The worker application (技能者情報登録申請) by the applicant: the start (alone or as a one-person
operator), sections saved as drafts (一時保存), detail rows added and removed with htmx, submission,
and the fix mode after a return (不備) where only the returned fields open."""

import re

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user

from blueprints.apply import bp
from blueprints.apply.worker_forms import (
    ROW_FORMS,
    SECTION_FORMS,
    ContactForm,
    IdentityForm,
    OnePersonStartForm,
    postal_format,
)
from blueprints.shared.attachments import attachment_error_message
from blueprints.shared.helpers import page_or_fragment
from models import codes
from models import worker_applications as wa
from models.applications import Application
from models.attachments import MAX_BYTES, AttachmentError
from models.base import get_owned_or_404
from models.employers import EmployerError, NamedEmployer, employer_rows, name_employer, remove_named_employer
from models.fieldsets import COMPANY_SECTIONS, WORKER_SECTIONS, field_labels, section_of
from models.fieldvalues import display_value
from models.postal import address_for

SECTIONS = {key: (ja, en) for key, ja, en, _fields in WORKER_SECTIONS}
# Sections made of detail rows, and the fieldset names that open each kind of row in fix mode.
ROW_SECTIONS = {"details": ("qualifications", "trainings", "awards", "educations"), "affiliation": ("employers",)}
ROW_KEYS = {
    "qualifications": ("qualifications", "attachment:qualification"),
    "trainings": ("trainings",),
    "awards": ("awards",),
    "educations": ("educations", "attachment:education"),
    "employers": ("affiliations",),
}
ROW_TITLES = {
    "qualifications": ("保有資格", "Qualifications"),
    "trainings": ("研修", "Training"),
    "awards": ("表彰", "Awards"),
    "educations": ("学歴（任意）", "Education (optional)"),
    "employers": ("所属事業者", "Employers"),
}
ROW_SECTION = {kind: section for section, kinds in ROW_SECTIONS.items() for kind in kinds}
PAGE, ROWS = "apply/worker_section.html", "apply/partials/_worker_rows.html"
INPUT_HINTS = {
    "family_name": {"autocomplete": "family-name"},
    "given_name": {"autocomplete": "given-name"},
    "middle_name": {"autocomplete": "additional-name"},
    "birth_date": {"autocomplete": "bday"},
    "nationality": {"autocomplete": "country-name"},
    "postal_code": {"autocomplete": "postal-code", "inputmode": "numeric", "placeholder": "160-0023"},
    "phone": {"autocomplete": "tel", "inputmode": "tel", "placeholder": "090-1234-5678"},
    "email": {"autocomplete": "email"},
    "emergency_phone": {"inputmode": "tel", "placeholder": "090-1234-5678"},
    "experience_years": {"inputmode": "numeric"},
    "kentaikyo_number": {"inputmode": "numeric", "placeholder": "012345678"},
}


def _lang():
    return "en" if str(get_locale() or "ja") == "en" else "ja"


def _title(pair):
    return pair[1] if _lang() == "en" else pair[0]


def _application(app_id):
    return get_owned_or_404(Application.of_applicant(current_user).where(Application.kind == "worker"), app_id)


def _deficiencies(application):
    """{fieldset name: reviewer's message} while returned; None for a draft (everything open)."""
    if application.status != "returned":
        return None
    return {d.field: d.message for d in application.open_deficiencies()}


def _open_sections(deficiencies):
    if deficiencies is None:
        return set(SECTIONS)
    result = {section_of("worker", name) for name in deficiencies}
    for key, form_class in SECTION_FORMS.items():
        if any(k in deficiencies for keys in form_class.COMPANIONS.values() for k in keys):
            result.add(key)
    return result - {None}


def _row_open(deficiencies, kind):
    return deficiencies is None or any(k in deficiencies for k in ROW_KEYS[kind])


def _missing_labels(missing):
    labels = field_labels("worker", _lang())
    return {key: [labels.get(name, name) for name in names] for key, names in missing.items()}


def _steps(deficiencies, missing):
    worker_missing = _missing_labels(missing.get("worker", {}))
    open_sections = _open_sections(deficiencies)
    return [
        {
            "key": key,
            "title": _title(SECTIONS[key]),
            "missing": worker_missing.get(key, []),
            "deficient": deficiencies is not None and key in open_sections,
        }
        for key in SECTIONS
    ]


def _company_steps(application, missing):
    """A one-person operator's company sections while the pair is an unsent draft (S2-A's pages)."""
    partner = wa.own_company_draft(application)
    if partner is None:
        return []
    labels = field_labels("company", _lang())
    company_missing = missing.get("company", {})
    return [
        {
            "key": key,
            "title": en if _lang() == "en" else ja,
            "missing": [labels.get(n, n) for n in company_missing.get(key, [])],
            "url": url_for("apply.company_section", app_id=partner.id, section=key),
        }
        for key, ja, en, _fields in COMPANY_SECTIONS
    ]


def _overview(application, status=200, submit_failed=False):
    deficiencies = _deficiencies(application)
    missing = wa.missing_for(application)
    labels = field_labels("worker", _lang())
    context = {
        "application": application,
        "worker": application.worker,
        "submit_failed": submit_failed,
        "steps": _steps(deficiencies, missing),
        "company_steps": _company_steps(application, missing),
        "deficiency_list": [
            (_section_url(application, name), labels.get(name, name), message)
            for name, message in (deficiencies or {}).items()
        ],
    }
    return render_template("apply/worker_overview.html", **context), status


def _section_url(application, field):
    section = section_of("worker", field)
    if section is None:
        return url_for("apply.worker_overview", app_id=application.id)
    return url_for("apply.worker_section", app_id=application.id, section=section)


# --- start ----------------------------------------------------------------------------------------


def _has_worker():
    return current_user.worker is not None


def _existing_worker_application():
    return Application.of_applicant(current_user).where(Application.kind == "worker").first()


def _start_page(form, one_person, status=200):
    return render_template("apply/worker_start.html", form=form, one_person=one_person), status


@bp.get("/worker/new")
def worker_new_form():
    if _has_worker():
        return _already_started()
    return _start_page(IdentityForm(), one_person=False)


@bp.post("/worker/new")
def worker_new():
    if _has_worker():
        return _already_started()
    form = IdentityForm()
    if not form.validate_on_submit():
        return _start_page(form, one_person=False, status=400)
    application = wa.start_worker_application(current_user, form.worker_values(form.data))
    flash(_("本人情報を一時保存しました。続けて残りの項目を入力してください。"), "success")
    return redirect(url_for("apply.worker_overview", app_id=application.id))


@bp.get("/one-person")
def one_person_form():
    if _has_worker():
        return _already_started()
    return _start_page(OnePersonStartForm(), one_person=True)


@bp.post("/one-person")
def one_person():
    if _has_worker():
        return _already_started()
    form = OnePersonStartForm()
    if not form.validate_on_submit():
        return _start_page(form, one_person=True, status=400)
    application = wa.start_one_person_application(
        current_user, form.trade_name.data or "", form.worker_values(form.data)
    )
    flash(_("本人情報を一時保存しました。続けて技能者と事業者の残りの項目を入力してください。"), "success")
    return redirect(url_for("apply.worker_overview", app_id=application.id))


def _already_started():
    existing = _existing_worker_application()
    flash(_("技能者の申請は既に作成されています。"), "info")
    if existing is not None and existing.editable:
        return redirect(url_for("apply.worker_overview", app_id=existing.id))
    return redirect(url_for("apply.portal"))


# --- overview and submission ----------------------------------------------------------------------


def _closed():
    flash(_("この申請は送信済みのため、内容は変更できません。"), "info")
    return redirect(url_for("apply.portal"))


@bp.get("/worker/<int:app_id>")
def worker_overview(app_id):
    application = _application(app_id)
    if not application.editable:
        return _closed()
    return _overview(application)


@bp.post("/worker/<int:app_id>/submit")
def worker_submit(app_id):
    application = _application(app_id)
    if not application.editable:
        return _closed()
    resubmission = application.status == "returned"
    try:
        submitted = wa.submit_worker_application(application, current_user._get_current_object())
    except wa.IncompleteError:
        return _overview(application, status=400, submit_failed=True)
    if resubmission:
        flash(_("修正した内容で再申請しました。審査の結果はメールでお知らせします。"), "success")
    elif len(submitted) == 2:
        flash(_("事業者と技能者の登録申請を送信しました。審査の結果はメールでお知らせします。"), "success")
    else:
        flash(_("技能者登録の申請を送信しました。審査の結果はメールでお知らせします。"), "success")
    return redirect(url_for("apply.portal"))


# --- sections -------------------------------------------------------------------------------------


def _section_key(section):
    if section not in SECTIONS:
        abort(404)
    return section


def _initial(worker):
    data = {name: getattr(worker, name) for name in worker._meta.fields}
    data["trades"] = wa.other_trades(worker)
    return data


def _bind(application, section, posted=False):
    """The section form with the stored values; on a post, the request's values for the open fields
    only: in fix mode the others keep what was stored (and are shown read-only)."""
    worker = application.worker
    form_class = SECTION_FORMS[section]
    single, _rows = wa.stored_files(worker)
    extra = {"worker": worker, "stored": single} if section == "documents" else {}
    data = _initial(worker)
    form = form_class(data=data, **extra)  # on a post, Flask-WTF reads the request over these
    deficiencies = _deficiencies(application)
    form.open_fields = set()
    for field in form:
        if field.name == "csrf_token":
            continue
        if form.opens(field.name, deficiencies):
            form.open_fields.add(field.name)
        elif posted:
            field.process(None, data.get(field.name))
    return form


def _shown(worker, files):
    """How a field that is not open in fix mode is shown: its stored value as people read it."""

    def shown(form, name):
        purpose = getattr(form, "FILE_PURPOSES", {}).get(name)
        if purpose:
            return files[purpose].filename if purpose in files else ""
        if name == "trades":
            return codes.list_join(codes.label(codes.TRADES, t) for t in wa.other_trades(worker))
        return display_value("worker", worker, name) if name in worker._meta.fields else ""

    return shown


def _row_blocks(application, section, forms=None):
    worker = application.worker
    deficiencies = _deficiencies(application)
    _single, per_row = wa.stored_files(worker)
    blocks = []
    for kind in ROW_SECTIONS[section]:
        form = (forms or {}).get(kind) or _row_form(application, kind, fresh=True)
        rows = employer_rows(worker) if kind == "employers" else wa.rows_of(worker, kind)
        blocks.append(
            {
                "kind": kind,
                "title": _title(ROW_TITLES[kind]),
                "rows": rows,
                "form": form,
                "open": _row_open(deficiencies, kind),
                "files": per_row,
                "messages": [deficiencies[k] for k in ROW_KEYS[kind] if deficiencies and k in deficiencies],
            }
        )
    return blocks


def _section_context(application, section, form=None, forms=None):
    worker = application.worker
    single, _per_row = wa.stored_files(worker)
    deficiencies = _deficiencies(application)
    missing = wa.missing_for(application)
    context = {
        "application": application,
        "worker": worker,
        "section": section,
        "title": _title(SECTIONS[section]),
        "steps": _steps(deficiencies, missing),
        "deficiencies": deficiencies or {},
        "fix_mode": deficiencies is not None,
        "files": single,
        "shown": _shown(worker, single),
        "one_person": application.partner_id is not None,
        "missing": _missing_labels(missing.get("worker", {})).get(section, []),
    }
    if section in ROW_SECTIONS:
        context["blocks"] = _row_blocks(application, section, forms)
        return context
    context["form"] = form = form or _bind(application, section)
    context["input_hints"] = INPUT_HINTS
    if section == "contact":  # typing the 7th digit fills the address (offline data)
        form.postal_code.render_kw = {
            "hx-get": url_for("apply.postal_lookup"),
            "hx-target": "#address-field",
            "hx-swap": "outerHTML",
            "hx-include": "[name='address']",
            "hx-trigger": "input changed delay:300ms",
        }
    return context


@bp.get("/worker/<int:app_id>/<section>")
def worker_section(app_id, section):
    application = _application(app_id)
    section = _section_key(section)
    if not application.editable:
        return _closed()
    return render_template(PAGE, **_section_context(application, section))


@bp.post("/worker/<int:app_id>/<section>")
def worker_section_save(app_id, section):
    application = _application(app_id)
    section = _section_key(section)
    if not application.editable:
        return _closed()
    if section in ROW_SECTIONS:
        abort(405)
    form = _bind(application, section, posted=True)
    if not form.open_fields:
        flash(_("この項目は変更できません。"), "info")
        return redirect(url_for("apply.worker_section", app_id=app_id, section=section))
    valid = form.validate_on_submit()
    stored_ok = _store_uploads(application.worker, form) if section == "documents" else True
    if not (valid and stored_ok):  # files that passed are kept and shown as attached
        return render_template(PAGE, **_section_context(application, section, form=form)), 400
    _save_section(application, section, form)
    flash(_("一時保存しました。"), "success")
    return redirect(url_for("apply.worker_overview", app_id=app_id, _anchor=f"step-{section}"))


def _store_uploads(worker, form):
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


def _row_kind(kind):
    if kind not in ROW_FORMS:
        abort(404)
    return kind


def _row_form(application, kind, fresh=False):
    """The add-row form: the request's values on a post, empty when `fresh`."""
    extra = {"one_person": application.partner_id is not None} if kind == "employers" else {}
    if fresh:
        extra["formdata"] = None
    return ROW_FORMS[kind](worker=application.worker, prefix=kind, **extra)  # several forms on one page


def _rows_answer(application, kind, form=None, status=200):
    context = _section_context(application, ROW_SECTION[kind], forms={kind: form} if form else None)
    context["block"] = next(b for b in context["blocks"] if b["kind"] == kind)
    context["oob_steps"] = True  # the fragment also refreshes the section states
    return page_or_fragment(PAGE, ROWS, **context), status


def _open_rows(app_id, kind):
    application = _application(app_id)
    _row_kind(kind)
    if not application.editable or not _row_open(_deficiencies(application), kind):
        abort(403)
    return application


@bp.post("/worker/<int:app_id>/rows/<kind>")
def worker_row_add(app_id, kind):
    application = _open_rows(app_id, kind)
    form = _row_form(application, kind)
    if not form.validate_on_submit():
        return _rows_answer(application, kind, form, 400)
    try:
        _add_row(application.worker, kind, form)
    except AttachmentError as exc:
        form.certificate.errors = [attachment_error_message(exc.code)]
        return _rows_answer(application, kind, form, 400)
    except EmployerError as exc:
        form.business_id.errors = [_employer_message(exc.code)]
        return _rows_answer(application, kind, form, 400)
    if not request.headers.get("HX-Request"):
        flash(_("追加しました。"), "success")
        return redirect(url_for("apply.worker_section", app_id=app_id, section=ROW_SECTION[kind]))
    return _rows_answer(application, kind)


def _add_row(worker, kind, form):
    if kind == "employers":
        return name_employer(worker, form.business_id.data, form.kind.data)
    upload = None
    if "certificate" in form:
        upload = (form.certificate.data.read(MAX_BYTES + 1), form.certificate.data.filename)
    return wa.add_row(worker, kind, form.values(), upload)


def _employer_message(code):
    return {
        "format": _("事業者IDは14桁の数字です。入力した番号を確認してください。"),
        "unknown": _(
            "この事業者IDの登録済み事業者が見つかりません。事業者の登録が済んでいるか、勤め先に確認してください。"
        ),
        "duplicate": _("この事業者は既に追加されています。"),
        "main_taken": _(
            "主たる所属事業者は1社だけです。別の事業者を主にするときは、先に今の主たる所属事業者を削除してください。"
        ),
        "own_company": _(
            "一人親方の主たる所属事業者はご自身の事業者です。ほかに雇用されている事業者は「その他の所属事業者」として追加してください。"
        ),
        "needs_main": _("出向先を追加する前に、出向元を主たる所属事業者として追加してください。"),
    }[code]


@bp.post("/worker/<int:app_id>/rows/<kind>/<int:row_id>/delete")
def worker_row_delete(app_id, kind, row_id):
    application = _open_rows(app_id, kind)
    worker = application.worker
    if kind == "employers":
        named = get_owned_or_404(NamedEmployer.select().where(NamedEmployer.worker == worker), row_id)
        remove_named_employer(named)
    elif not wa.remove_row(worker, kind, row_id):
        abort(404)
    if not request.headers.get("HX-Request"):
        flash(_("削除しました。"), "success")
        return redirect(url_for("apply.worker_section", app_id=app_id, section=ROW_SECTION[kind]))
    return _rows_answer(application, kind)


# --- postal code → address (htmx) -----------------------------------------------------------------


@bp.get("/postal-code")
def postal_lookup():
    """Fills the address field once 7 digits are typed; what was typed after the town stays.
    Before that nothing changes (204: htmx swaps nothing)."""
    code = postal_format(request.args.get("postal_code") or "")
    if not re.fullmatch(r"\d{3}-\d{4}", code):
        return "", 204
    typed = (request.args.get("address") or "").strip()
    found = address_for(code)
    address = typed if not found or typed.startswith(found) else found
    form = ContactForm(formdata=None, data={"address": address})
    return render_template("apply/partials/_address_field.html", form=form, postal_found=found, postal_tried=True)
