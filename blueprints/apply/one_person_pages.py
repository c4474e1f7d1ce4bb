"""What the one-person operator's linear steps show: each step's forms bound to the stored values
(the likely insurance answers pre-selected while unanswered), and the combined review of both
halves with every answer, each step's form folded under it. The routes are in one_person_views.py."""

from flask import url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.datastructures import MultiDict

from blueprints.apply import company_forms
from blueprints.apply.agreement import agreement_context
from blueprints.apply.one_person_forms import (
    PersonForm,
    ProofForm,
    WorkForm,
    company_insurance_form,
    licence_form,
)
from blueprints.apply.payment_views import submit_payment_context
from blueprints.apply.worker_forms import DocumentsForm
from blueprints.apply.worker_pages import bind as bind_worker_section
from blueprints.apply.worker_pages import postal_lookup_hints
from models.registration import worker_applications as wa
from models.registration.attachments import Attachment
from models.registration.consents import consents_of
from models.registration.fields.sets import field_labels
from models.registration.fields.values import display_value
from models.registration.one_person import COMPANY_LIKELY, WORKER_LIKELY, split_name

STEPS = ("person", "work", "documents")
PAGE = "apply/one_person_step.html"
PERSON = ("family_name", "given_name", "middle_name", "family_kana", "given_kana")
PERSON += ("alias_name", "print_alias", "birth_date", "gender", "nationality", "blood_type")
PERSON += ("residence_status", "residence_card_number", "residence_until", "acceptance_plan_number")
PERSON += ("postal_code", "address", "phone", "email")
WORK = ("main_trade", "experience_years", "health_insurance", "pension", "employment_insurance", "kentaikyo_number")
DOCUMENTS = ("id_document",)
COMPANY_BASIC = ("name", "name_kana", "representative_name", "postal_code", "address", "phone", "email")
COMPANY_BASIC += ("officer_name",)
COMPANY_INSURANCE = ("health_insurance", "pension", "employment_insurance", "rousai_special", "rousai_number")
COMPANY_LICENCE = ("has_licence", "licence_authority", "licence_kind", "licence_number", "licence_trades")
COMPANY_LICENCE += ("alt_document", "alt_document_date")


def step_titles():
    return {
        "person": _("本人情報・住所"),
        "work": _("職種・社会保険"),
        "documents": _("本人確認書類・事業者の書類"),
        "review": _("確認・申請"),
    }


def _prefixed(stored, likely=None):
    """A company form's stored values as posted data under the "company-" prefix."""
    data = MultiDict()
    for name, value in (likely or {}).items():
        if not stored.get(name):
            data[f"company-{name}"] = value
    for name, value in stored.items(multi=True):
        data.add(f"company-{name}", value)
    return data


def start_form():
    family, given = split_name(current_user.display_name)
    return PersonForm(data={"family_name": family, "given_name": given})


def person_forms(application, posted=False):
    if posted:
        return {"form": PersonForm()}
    worker, company = application.worker, application.partner.company
    data = {name: getattr(worker, name) for name in worker._meta.fields}
    data.update(
        trade_name=company.trade_name_given, trade_name_kana=company.name_kana if company.trade_name_given else ""
    )
    return {"form": PersonForm(data=data)}


def work_forms(application, posted=False):
    worker, company = application.worker, application.partner.company
    if posted:
        return {"form": WorkForm(), "company_form": company_insurance_form()}
    data = {name: getattr(worker, name) for name in worker._meta.fields}
    data.update({k: v for k, v in WORKER_LIKELY.items() if not data.get(k)})
    stored = company_forms.InsuranceForm.stored(company)
    return {"form": WorkForm(data=data), "company_form": company_insurance_form(_prefixed(stored, COMPANY_LIKELY))}


def documents_forms(application, posted=False):
    worker, company = application.worker, application.partner.company
    single, _rows = wa.stored_files(worker)
    company_files = {a.purpose for a in Attachment.of_company(company)}
    if posted:
        form = DocumentsForm(worker=worker, stored=single)
        licence = licence_form()
    else:
        form = bind_worker_section(application, "documents")
        licence = licence_form(_prefixed(company_forms.LicenceForm.stored(company)))
    return {"form": form, "licence_form": licence, "proof_form": ProofForm(company=company, stored=company_files)}


BINDERS = {"person": person_forms, "work": work_forms, "documents": documents_forms}


def _rows(kind, subject, names):
    labels = field_labels(kind)
    return [(labels.get(n, n), display_value(kind, subject, n)) for n in names]


def review_sections(application):
    worker, company = application.worker, application.partner.company
    single, _rows_files = wa.stored_files(worker)
    licence = [n for n in COMPANY_LICENCE if n == "has_licence" or display_value("company", company, n)]
    return [
        (
            "person",
            step_titles()["person"],
            [_rows("worker", worker, PERSON), _rows("company", company, COMPANY_BASIC)],
        ),
        ("work", step_titles()["work"], [_rows("worker", worker, WORK), _rows("company", company, COMPANY_INSURANCE)]),
        (
            "documents",
            step_titles()["documents"],
            [_rows("worker", worker, DOCUMENTS), _rows("company", company, licence)],
        ),
    ], list(single.values()) + list(Attachment.of_company(company))


def step_context(application, step, **forms):
    context = {
        "application": application,
        "step": step,
        "steps": step_titles(),
        "title": step_titles()[step],
        "company": application.partner.company if application else None,
        "worker": application.worker if application else None,
        **forms,
    }
    if application is not None and step != "review":
        if not forms:
            context.update(BINDERS[step](application))
        context["files"] = wa.stored_files(application.worker)[0]
        context["company_files"] = {a.purpose: a for a in Attachment.of_company(application.partner.company)}
    if step == "person":
        postal_lookup_hints(context["form"])
    return context


def review_context(application, read_only=False, payment_missing=False):
    context = step_context(application, "review")
    if read_only:
        sections, files = review_sections(application)
        agreed = consents_of(application)
        return {**context, "read_only": True, "sections": sections, "attachments": files, "consents": agreed}
    context.update(submit_payment_context(application))
    if payment_missing and "submit_pay_form" in context:
        context["submit_pay_form"].payment_method.errors = [_("お支払い方法を選んでください。")]
    sections, files = review_sections(application)
    missing = wa.missing_for(application)
    worker_labels, company_labels = field_labels("worker"), field_labels("company")
    context.update(
        sections=sections,
        attachments=files,
        missing=[worker_labels.get(n, n) for names in missing.get("worker", {}).values() for n in names]
        + [company_labels.get(n, n) for names in missing.get("company", {}).values() for n in names],
        **agreement_context(application),
        read_only=False,
        editors={step: step_context(application, step) for step in STEPS},
        details_url=url_for("apply.worker_section", app_id=application.id, section="details"),
    )
    return context
