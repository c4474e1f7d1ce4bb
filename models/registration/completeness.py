"""Is a draft application ready to submit? Per section, the fields still missing or invalid,
using the field names of models/registration/fields/sets.py (attachments as "attachment:<purpose>")."""

from models.accounts.companies import (
    alt_document_is_recent,
    split_employment_insurance_number,
    split_rousai_special_number,
)
from models.accounts.employers import has_main_employer
from models.accounts.worker_rules import (
    back_image_needed,
    certificate_name_ok,
    company_kana_required,
    counter_only,
    kana_required,
    licence_back_conflict,
    normalize_kentaikyo,
)
from models.core import codes
from models.core.clock import today as japan_today
from models.core.errors import DomainError
from models.registration.attachments import Attachment
from models.registration.fields.rules import residence_errors
from models.registration.fields.sets import COMPANY_SECTIONS, WORKER_SECTIONS


class IncompleteError(DomainError):
    """A submission with sections still incomplete. missing: {section key: [field names]} (company) or
    {"worker"|"company": {section key: [field names]}} (a worker application, with its partner)."""

    def __init__(self, missing):
        super().__init__("incomplete")
        self.missing = missing


INSURANCE_PROOFS = {
    "health_insurance": "insurance_health",
    "pension": "insurance_pension",
    "employment_insurance": "insurance_employment",
}


def _blank(company, names):
    return [n for n in names if not str(getattr(company, n) or "").strip()]


def _basic(company, purposes, today):
    required = ("name", "name_kana", "representative_name", "postal_code", "address", "phone")
    missing = _blank(company, [n for n in required if n != "name_kana" or company_kana_required(company)])
    if company.entity_type not in codes.codes(codes.ENTITY_TYPES):
        missing.insert(0, "entity_type")
    if company.entity_type == "corporation" and not company.capital:
        missing.append("capital")
    return missing


def _licence(company, purposes, today):
    if company.has_licence:
        missing = _blank(company, ("licence_authority", "licence_kind", "licence_number", "licence_trades"))
        return missing + ([] if "licence_certificate" in purposes else ["attachment:licence_certificate"])
    missing = []
    if company.alt_document not in codes.ALT_DOCUMENTS_FOR.get(company.entity_type, []):
        missing.append("alt_document")
    if not alt_document_is_recent(company.alt_document_date, today):
        missing.append("alt_document_date")
    missing += [] if "alt_document" in purposes else ["attachment:alt_document"]
    if company.alt_document == "tax_certificate_and_register" and "commercial_register" not in purposes:
        missing.append("attachment:commercial_register")  # a 法人 without a licence sends both (Q4-5)
    return missing


def _officer(company, purposes, today):
    return _blank(company, ("officer_name", "officer_postal_code", "officer_address", "officer_phone", "officer_email"))


def _insurance(company, purposes, today):
    statuses = codes.codes(codes.INSURANCE_STATUSES)
    missing = [n for n in INSURANCE_PROOFS if getattr(company, n) not in statuses]
    if (
        company.employment_insurance == "enrolled"
        and split_employment_insurance_number(company.employment_insurance_number)[1]
    ):
        missing.append("employment_insurance_number")
    if company.rousai_special and split_rousai_special_number(company.rousai_number)[1]:
        missing.append("rousai_number")
    if not company.rousai_special and company.rousai_number:
        missing.append("rousai_number")
    missing += [
        f"attachment:{purpose}"
        for status_field, purpose in INSURANCE_PROOFS.items()
        if getattr(company, status_field) == "enrolled" and purpose not in purposes
    ]
    return missing


CHECKS = {"basic": _basic, "licence": _licence, "officer": _officer, "insurance": _insurance}


def company_missing_fields(application, today=None):
    """{section key: [field names]} for every section of the company half that is not complete."""
    company = application.company
    today = today or japan_today()
    purposes = {a.purpose for a in Attachment.of_company(company)}
    result = {}
    for key, _title, _fields in COMPANY_SECTIONS:
        missing = CHECKS[key](company, purposes, today)
        if missing:
            result[key] = missing
    return result


# --- worker (技能者) ------------------------------------------------------------------------------


def _worker_identity(worker, files):
    missing = _blank(worker, ("family_name", "given_name"))
    if kana_required(worker.nationality, worker.no_kana_on_document):
        missing += _blank(worker, ("family_kana", "given_kana"))
    if worker.print_alias and not worker.alias_name.strip():
        missing.append("alias_name")
    missing += _blank(worker, ("birth_date", "nationality"))
    missing += [
        n
        for n, table in (("gender", codes.GENDERS), ("blood_type", codes.BLOOD_TYPES))
        if getattr(worker, n) not in codes.codes(table)
    ]
    return missing


def _worker_contact(worker, files):
    return _blank(worker, ("postal_code", "address", "phone"))


def _worker_work(worker, files):
    return [
        n
        for n, table in (("main_trade", codes.TRADES), ("registration_type", codes.REGISTRATION_TYPES))
        if getattr(worker, n) not in codes.codes(table)
    ]


def _worker_insurance(worker, files):
    statuses = codes.codes(codes.INSURANCE_STATUSES)
    missing = [n for n in INSURANCE_PROOFS if getattr(worker, n) not in statuses]
    if normalize_kentaikyo(worker.kentaikyo_number)[1]:
        missing.append("kentaikyo_number")
    return missing


def _worker_details(worker, files):
    missing = []
    qualifications = list(worker.qualifications)
    if any(("qualification", q.id) not in files for q in qualifications):
        missing.append("attachment:qualification")
    if any(not certificate_name_ok(worker, q.name_on_certificate, q.name_note) for q in qualifications):
        missing.append("qualifications")
    if any(("education", e.id) not in files for e in worker.educations):
        missing.append("attachment:education")
    return missing


def _worker_affiliation(worker, files):
    return [] if has_main_employer(worker) else ["affiliations"]


def _worker_residence(worker, files):
    values = {name: getattr(worker, name) for name in ("nationality", *RESIDENCE_FIELDS)}
    return list(residence_errors(values))


RESIDENCE_FIELDS = ("residence_status", "residence_card_number", "residence_until", "acceptance_plan_number")


def _worker_documents(worker, files):
    purposes = {purpose for purpose, _ref in files}
    missing = []
    known = worker.id_document in codes.codes(codes.ID_DOCUMENTS)
    if not known or counter_only(worker.id_document) or licence_back_conflict(worker):  # Q4-6: counter only
        missing.append("id_document")
    missing += [f"attachment:{p}" for p in ("id_document", "face_photo") if p not in purposes]
    if back_image_needed(worker) and "id_document_back" not in purposes:
        missing.append("attachment:id_document_back")
    return missing


WORKER_CHECKS = {
    "identity": _worker_identity,
    "contact": _worker_contact,
    "work": _worker_work,
    "insurance": _worker_insurance,
    "details": _worker_details,
    "residence": _worker_residence,
    "affiliation": _worker_affiliation,
    "documents": _worker_documents,
}


def worker_missing_fields(application, today=None):
    """{section key: [field names]} for every section of the worker application that is not complete."""
    worker = application.worker
    files = {(a.purpose, a.ref_id) for a in Attachment.of_worker(worker)}
    result = {}
    for key, _title, _fields in WORKER_SECTIONS:
        missing = WORKER_CHECKS[key](worker, files)
        if missing:
            result[key] = missing
    return result
