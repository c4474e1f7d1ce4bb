"""A worker's own internet application (技能者情報登録申請), entered as a draft section by section
(一時保存) and submitted when complete; a one-person operator's company application goes with it."""

from extensions import db
from models.accounts import audit
from models.accounts.workers import Award, Education, Qualification, Training, Worker, WorkerTrade
from models.registration.applications import Application, apply_one_person_operator
from models.registration.attachments import Attachment
from models.registration.completeness import IncompleteError, company_missing_fields, worker_missing_fields
from models.registration.fields.sets import WORKER_SECTIONS

# A draft starts from the identity section; these are filled in the later sections.
LATER = {"address": "", "phone": "", "main_trade": ""}

# Detail rows of the application: model and the attachment purpose that proves each row, if any.
ROW_MODELS = {
    "qualifications": (Qualification, "qualification"),
    "trainings": (Training, None),
    "awards": (Award, None),
    "educations": (Education, "education"),
}


# Fix mode (不備): a returned field opens again with the fields it goes with, or the fix could not be
# completed (e.g. the address on the licence's back needs the back's image). {field: opened by these}
OPENED_BY = {
    "no_kana_on_document": ("family_kana", "given_kana", "nationality"),
    "print_alias": ("alias_name",),
    "alias_name": ("print_alias",),
    "postal_code": ("address",),
    "address": ("postal_code", "address_from_licence_back"),
    "address_from_licence_back": ("address",),
    "trades": ("main_trade",),
    "qualifications": ("attachment:qualification",),
    "educations": ("attachment:education",),
    "id_document": ("attachment:id_document",),
    "attachment:id_document": ("id_document",),
    "attachment:id_document_back": ("id_document", "address_from_licence_back"),
}
WORKER_FIELDS = frozenset(name for _key, _title, fields in WORKER_SECTIONS for name, _label in fields)


def worker_fix_fields(application):
    """The fieldset names the applicant may change: every one while a draft; while returned (不備),
    the returned ones and those they open (OPENED_BY); none once submitted or approved."""
    if application.status == "draft":
        return set(WORKER_FIELDS) | set(OPENED_BY)
    if application.status != "returned":
        return set()
    returned = set(application.returned_fields())
    return returned | {name for name, openers in OPENED_BY.items() if returned & set(openers)}


def start_worker_application(account, identity):
    """技能者として申請: the worker and their draft application, from the identity section."""
    with db.atomic():
        worker = Worker.create(account=account, email=account.email, **{**LATER, **identity})
        application = Application.create(kind="worker", applicant=account, worker=worker)
        application.log("created", account)
    return application


def start_one_person_application(account, trade_name, identity):
    """一人親方として申請: company and worker drafts, paired; returns the worker application."""
    worker_data = {**LATER, "email": account.email, **identity}
    representative = " ".join(p for p in (identity["family_name"], identity["given_name"]) if p)
    company_data = {
        "trade_name": trade_name,
        "representative_name": representative,
        "address": "",
        "phone": "",
        "email": account.email,
    }
    if not trade_name:  # the representative's name is the 商号 (Q4-5), so is its reading
        company_data["name_kana"] = " ".join(p for p in (identity.get("family_kana"), identity.get("given_kana")) if p)
    _company, worker = apply_one_person_operator(account, company_data, worker_data, submit=False)
    return Application.get(Application.worker == worker)


def own_company_draft(application):
    """A one-person operator's company application while it is still an unsent draft."""
    partner = application.partner
    return partner if partner is not None and partner.status == "draft" else None


def save_worker_values(application, values):
    """Writes one section's values; a one-person operator's draft company follows their name and address."""
    worker = application.worker
    with db.atomic():
        for name, value in values.items():
            setattr(worker, name, value)
        # After submission (a returned application) the applicant's fix is registered data changing.
        audit.save(worker, "applicant_edit", application.applicant, audited=application.status != "draft")
        partner = own_company_draft(application)
        if partner is not None:
            _follow_worker(partner.company, worker, values)


def _follow_worker(company, worker, values):
    """The operator is the company's representative; the company's address starts from theirs."""
    if {"family_name", "given_name"} & set(values):
        company.set_names(representative_name=" ".join(p for p in (worker.family_name, worker.given_name) if p))
    for name in ("postal_code", "address", "phone"):
        if name in values and not getattr(company, name):
            setattr(company, name, getattr(worker, name))
    company.save()


def set_trades(worker, main_trade, others):
    """The worker's trades: the main one first, then the others (職種, several)."""
    with db.atomic():
        WorkerTrade.delete().where(WorkerTrade.worker == worker).execute()
        WorkerTrade.create(worker=worker, trade=main_trade, experience_years=worker.experience_years or 0)
        for trade in dict.fromkeys(others):
            if trade != main_trade:
                WorkerTrade.create(worker=worker, trade=trade)


def other_trades(worker):
    return [t.trade for t in worker.trade_rows.order_by(WorkerTrade.id) if t.trade != worker.main_trade]


def store_worker_file(worker, purpose, data, filename, ref_id=None):
    """Stores an upload, replacing the earlier one for the same purpose (and row). Raises AttachmentError."""
    with db.atomic():  # the earlier file goes first (it does not count against MAX_FILES); a refusal keeps it
        (
            Attachment.delete()
            .where(
                (Attachment.worker == worker)
                & (Attachment.purpose == purpose)
                & (Attachment.ref_id.is_null() if ref_id is None else Attachment.ref_id == ref_id)
            )
            .execute()
        )
        return Attachment.store(data, filename, purpose, worker=worker, ref_id=ref_id)


def stored_files(worker):
    """{purpose: attachment} of the single-file purposes, and {(purpose, row id): attachment} of rows."""
    single, per_row = {}, {}
    for attachment in Attachment.of_worker(worker):
        if attachment.ref_id is None:
            single[attachment.purpose] = attachment
        else:
            per_row[(attachment.purpose, attachment.ref_id)] = attachment
    return single, per_row


def rows_of(worker, kind):
    model, _purpose = ROW_MODELS[kind]
    return list(model.select().where(model.worker == worker).order_by(model.id))


def add_row(worker, kind, values, upload=None):
    """Adds a detail row; with its proof (certificate) when the kind needs one. Raises AttachmentError."""
    model, purpose = ROW_MODELS[kind]
    with db.atomic():
        row = model.create(worker=worker, **values)
        if purpose:
            data, filename = upload
            Attachment.store(data, filename, purpose, worker=worker, ref_id=row.id)
    return row


def remove_row(worker, kind, row_id):
    """Removes the worker's own row and its proof; False when the worker has no such row."""
    model, purpose = ROW_MODELS[kind]
    row = model.get_or_none((model.id == row_id) & (model.worker == worker))
    if row is None:
        return False
    with db.atomic():
        if purpose:
            Attachment.delete().where(
                (Attachment.worker == worker) & (Attachment.purpose == purpose) & (Attachment.ref_id == row.id)
            ).execute()
        row.delete_instance()
    return True


def missing_for(application):
    """What stops submission: {"worker": {...}} and, for a one-person operator's unsent pair, {"company": {...}}."""
    missing = {}
    if worker_missing := worker_missing_fields(application):
        missing["worker"] = worker_missing
    partner = own_company_draft(application) if application.status == "draft" else None
    if partner is not None and (company_missing := company_missing_fields(partner)):
        missing["company"] = company_missing
    return missing


def submit_worker_application(application, actor, payment_method=None):
    """Submits (or resubmits after a return) the worker application; a one-person operator's draft
    company application is submitted in the same step, with the same payment method. Raises IncompleteError."""
    missing = missing_for(application)
    if missing:
        raise IncompleteError(missing)
    together = [application]
    if application.status == "draft" and (partner := own_company_draft(application)) is not None:
        together.append(partner)
    with db.atomic():
        for item in together:
            item.submit(actor, payment_method=payment_method)
    return together
