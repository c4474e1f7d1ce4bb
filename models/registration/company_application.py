"""The company (事業者) application by the applicant: starting a draft, what the applicant may change
in each state (draft, returned with deficiencies), which files may still be removed, submitting."""

from extensions import db
from models.accounts.accounts import Membership
from models.accounts.companies import Company
from models.registration.applications import Application
from models.registration.completeness import IncompleteError, company_missing_fields
from models.registration.fields.sets import COMPANY_SECTIONS

# A returned field that decides whether others are needed opens those too, or the fix could not
# be completed (e.g. switching to "no licence" needs the substitute document and its date).
DEPENDENTS = {
    "entity_type": ("name", "alt_document"),
    "has_licence": (
        "licence_authority",
        "licence_kind",
        "licence_number",
        "licence_trades",
        "alt_document",
        "alt_document_date",
        "attachment:licence_certificate",
        "attachment:alt_document",
        "attachment:commercial_register",
    ),
    "alt_document": ("alt_document_date", "attachment:alt_document", "attachment:commercial_register"),
    "health_insurance": ("attachment:insurance_health",),
    "pension": ("attachment:insurance_pension",),
    "employment_insurance": ("employment_insurance_number", "attachment:insurance_employment"),
    "rousai_special": ("rousai_number",),
    "rousai_number": ("rousai_special",),
}
ALL_FIELDS = frozenset(name for _key, _title, fields in COMPANY_SECTIONS for name, _label in fields)


def company_applications_of(account):
    return Application.of_applicant(account).where(Application.kind == "company")


def open_company_draft(account):
    return company_applications_of(account).where(Application.status == "draft").first()


def start_company_application(account, entity_type):
    """A draft company with its applicant as system admin (管理者ID), and the draft application."""
    with db.atomic():
        company = Company.create(entity_type=entity_type, name="", representative_name="", address="", phone="")
        Membership.create(account=account, company=company, role="system_admin")
        application = Application.create(kind="company", applicant=account, company=company)
        application.log("created", account)
    return application


def company_fix_fields(application):
    """The fields the applicant may change: every one while a draft; while returned (不備), the
    returned ones and those that depend on them; none once submitted or approved."""
    if application.status == "draft":
        return set(ALL_FIELDS)
    if application.status != "returned":
        return set()
    fields, todo = set(), list(application.returned_fields())
    while todo:
        name = todo.pop()
        if name not in fields:
            fields.add(name)
            todo.extend(DEPENDENTS.get(name, ()))
    return fields


def attachment_removable(application, attachment):
    """A file may be removed while its document is open for change and no reviewer has seen it yet:
    what a reviewer returned stays in the record of that round."""
    if f"attachment:{attachment.purpose}" not in company_fix_fields(application):
        return False
    return application.submitted_at is None or attachment.created_at > application.submitted_at


def submit_company_application(application, actor, today=None, payment_method=None):
    """Submits (or resubmits after a return) once every section is complete."""
    missing = company_missing_fields(application, today)
    if missing:
        raise IncompleteError(missing)
    application.submit(actor, payment_method=payment_method)
