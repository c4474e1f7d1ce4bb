"""What the worker application's pages show: the steps with what is missing or returned, a section's
form bound to the stored values (only the fields the fix-mode rule opens take the post), the detail
row blocks, and the overview. The routes are in worker_views.py."""

from flask import render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from blueprints.apply.agreement import agreement_context
from blueprints.apply.payment_views import submit_payment_context
from blueprints.apply.worker_forms import ROW_FORMS, SECTION_FORMS
from blueprints.shared.helpers import page_or_fragment
from models.accounts.employers import employer_rows
from models.core import codes
from models.registration import worker_applications as wa
from models.registration.fields.sets import COMPANY_SECTIONS, WORKER_SECTIONS, field_labels, section_of
from models.registration.fields.values import display_value

SECTIONS = {key: title for key, title, _fields in WORKER_SECTIONS}
# Sections made of detail rows, and the fieldset name of each kind of row.
ROW_SECTIONS = {"details": ("qualifications", "trainings", "awards", "educations"), "affiliation": ("employers",)}
ROW_FIELD = {"qualifications": "qualifications", "trainings": "trainings", "awards": "awards"}
ROW_FIELD.update(educations="educations", employers="affiliations")
ROW_PROOF = {"qualifications": "attachment:qualification", "educations": "attachment:education"}
ROW_TITLES = {
    "qualifications": _l("保有資格"),
    "trainings": _l("研修"),
    "awards": _l("表彰"),
    "educations": _l("学歴（任意）"),
    "employers": _l("所属事業者"),
}
ROW_SECTION = {kind: section for section, kinds in ROW_SECTIONS.items() for kind in kinds}
PAGE, ROWS = "apply/worker_section.html", "apply/partials/_worker_rows.html"


def deficiencies_of(application):
    """{fieldset name: reviewer's message} while returned; None for a draft (everything open)."""
    if application.status != "returned":
        return None
    return {d.field: d.message for d in application.open_deficiencies()}


def row_open(application, kind):
    return ROW_FIELD[kind] in wa.worker_fix_fields(application)


def _missing_labels(missing):
    labels = field_labels("worker")
    return {key: [labels.get(name, name) for name in names] for key, names in missing.items()}


def _steps(application, missing):
    worker_missing = _missing_labels(missing.get("worker", {}))
    fixing = application.status == "returned"
    open_sections = {section_of("worker", name) for name in wa.worker_fix_fields(application)}
    return [
        {
            "key": key,
            "title": SECTIONS[key],
            "missing": worker_missing.get(key, []),
            "deficient": fixing and key in open_sections,
        }
        for key in SECTIONS
    ]


def _company_steps(application, missing):
    """A one-person operator's company sections while the pair is an unsent draft (S2-A's pages)."""
    partner = wa.own_company_draft(application)
    if partner is None:
        return []
    labels = field_labels("company")
    company_missing = missing.get("company", {})
    return [
        {
            "key": key,
            "title": title,
            "missing": [labels.get(n, n) for n in company_missing.get(key, [])],
            "url": url_for("apply.company_section", app_id=partner.id, section=key),
        }
        for key, title, _fields in COMPANY_SECTIONS
    ]


def _section_url(application, field):
    section = section_of("worker", field)
    if section is None:
        return url_for("apply.worker_overview", app_id=application.id)
    return url_for("apply.worker_section", app_id=application.id, section=section)


def overview(application, status=200, submit_failed=False, pay_form=None):
    deficiencies = deficiencies_of(application)
    missing = wa.missing_for(application)
    labels = field_labels("worker")
    context = {
        **submit_payment_context(application, pay_form),
        **agreement_context(application),
        "application": application,
        "worker": application.worker,
        "submit_failed": submit_failed,
        "steps": _steps(application, missing),
        "company_steps": _company_steps(application, missing),
        "deficiency_list": [
            (_section_url(application, name), labels.get(name, name), message)
            for name, message in (deficiencies or {}).items()
        ],
    }
    return render_template("apply/worker_overview.html", **context), status


def read_only_sections(application):
    """[(title, [(label, shown value or the files)])] of every section, for the read-only view."""
    worker = application.worker
    single, _per_row = wa.stored_files(worker)
    files = list(single.values())
    result = []
    for _key, title, fields in WORKER_SECTIONS:
        rows = []
        for name, label in fields:
            if name.startswith("attachment:"):
                rows.append((label, [a for a in files if a.purpose == name[11:]]))
            elif name in worker._meta.fields:
                rows.append((label, display_value("worker", worker, name)))
        result.append((title, rows))
    return result


def _initial(worker):
    data = {name: getattr(worker, name) for name in worker._meta.fields}
    data["trades"] = wa.other_trades(worker)
    return data


def bind(application, section, posted=False):
    """The section form with the stored values; on a post, the request's values for the open fields
    only: in fix mode the others keep what was stored (and are shown read-only)."""
    worker = application.worker
    single, _rows = wa.stored_files(worker)
    extra = {"worker": worker, "stored": single} if section == "documents" else {}
    if section == "residence":
        extra = {"worker": worker}
    data = _initial(worker)
    form = SECTION_FORMS[section](data=data, **extra)  # on a post, Flask-WTF reads the request over these
    fix_fields = wa.worker_fix_fields(application)
    form.open_fields = set()
    for field in form:
        if field.name == "csrf_token":
            continue
        if form.key_of(field.name) in fix_fields:
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


def row_form(application, kind, fresh=False):
    """The add-row form: the request's values on a post, empty when `fresh`."""
    extra = {"one_person": application.partner_id is not None} if kind == "employers" else {}
    if fresh:
        extra["formdata"] = None
    return ROW_FORMS[kind](worker=application.worker, prefix=kind, **extra)  # several forms on one page


def _row_blocks(application, section, forms=None):
    worker = application.worker
    deficiencies = deficiencies_of(application) or {}
    _single, per_row = wa.stored_files(worker)
    blocks = []
    for kind in ROW_SECTIONS[section]:
        keys = (ROW_FIELD[kind], ROW_PROOF.get(kind))
        blocks.append(
            {
                "kind": kind,
                "title": ROW_TITLES[kind],
                "rows": employer_rows(worker) if kind == "employers" else wa.rows_of(worker, kind),
                "form": (forms or {}).get(kind) or row_form(application, kind, fresh=True),
                "open": row_open(application, kind),
                "files": per_row,
                "messages": [deficiencies[k] for k in keys if k in deficiencies],
            }
        )
    return blocks


def section_context(application, section, form=None, forms=None):
    worker = application.worker
    single, _per_row = wa.stored_files(worker)
    deficiencies = deficiencies_of(application)
    missing = wa.missing_for(application)
    context = {
        "application": application,
        "worker": worker,
        "section": section,
        "title": SECTIONS[section],
        "steps": _steps(application, missing),
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
    context["form"] = form = form or bind(application, section)
    if section == "contact":
        postal_lookup_hints(form)
    return context


def postal_lookup_hints(form):
    """Typing the 7th digit of the postal code looks the address up (offline data) and offers it."""
    form.postal_code.render_kw = {
        **(form.postal_code.render_kw or {}),
        "hx-get": url_for("apply.postal_lookup"),
        "hx-target": "#address-offer",
        "hx-swap": "innerHTML",
        "hx-trigger": "input changed delay:300ms",
    }


def rows_answer(application, kind, form=None, status=200, page=PAGE, page_flash=None):
    """The rows of `kind` after a change; `page` (a redirect after POST) for a request without htmx."""
    context = section_context(application, ROW_SECTION[kind], forms={kind: form} if form else None)
    context["block"] = next(b for b in context["blocks"] if b["kind"] == kind)
    context["oob_steps"] = True  # the fragment also refreshes the section states
    return page_or_fragment(page, ROWS, status=status, page_flash=page_flash, **context)


def employer_message(code):
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
