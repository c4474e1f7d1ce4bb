"""Saving one step of a one-person operator's pair (one_person_views.py): each validates its forms,
stores what passed and returns True, or leaves the messages on the forms and returns False."""

from blueprints.apply.company_forms import InsuranceForm, LicenceForm
from blueprints.apply.worker_views import store_uploads
from blueprints.shared.attachments import attachment_error_message
from models.registration import one_person
from models.registration import worker_applications as wa
from models.registration.attachments import MAX_BYTES, AttachmentError

NOT_WORKER = ("trade_name", "trade_name_kana", "csrf_token")
BUSINESS_PROOFS = ("licence_certificate", "alt_document")


def save_person(application, form):
    if not form.validate_on_submit():
        return False
    wa.save_worker_values(application, form.worker_values(n for n in form.data if n not in NOT_WORKER))
    company = application.partner.company
    one_person.mirror_worker(company, application.worker, form.trade_name.data or "", form.trade_name_kana.data or "")
    return True


def save_work(application, form, company_form):
    valid = form.validate_on_submit()
    if not (company_form.validate() and valid):
        return False
    worker = application.worker
    others = wa.other_trades(worker)
    wa.save_worker_values(application, form.worker_values(n for n in form.data if n != "csrf_token"))
    wa.set_trades(worker, worker.main_trade, others)
    company = application.partner.company
    company_form.save_to(company, InsuranceForm.FIELDS)
    company.save()
    return True


def _store_company_files(company, proof_form, has_licence):
    ok = True
    for name, purpose in proof_form.needed(has_licence).items():
        upload = proof_form[name].data
        if not upload:
            continue
        replaces = BUSINESS_PROOFS if name == "business_proof" else ()
        try:
            one_person.store_company_file(company, purpose, upload.read(MAX_BYTES + 1), upload.filename, replaces)
        except AttachmentError as exc:
            proof_form[name].errors = [attachment_error_message(exc.code)]
            ok = False
    return ok


def save_documents(application, form, licence_form, proof_form):
    """Every file that passed is kept even when another field still has a message."""
    form.open_fields = {f.name for f in form if f.name != "csrf_token"}
    valid = form.validate_on_submit() & licence_form.validate()
    has_licence = licence_form.has_licence.data == "yes"
    stored_ok = store_uploads(application.worker, form)
    company = application.partner.company
    proof_ok = _store_company_files(company, proof_form, has_licence)
    proof_form.stored |= {a.purpose for a in company.attachments}
    if not (valid and stored_ok and proof_ok and proof_form.check(has_licence)):
        return False
    wa.save_worker_values(application, form.worker_values(["id_document"]))
    licence_form.save_to(company, LicenceForm.FIELDS)
    company.save()
    return True


SAVES = {"person": save_person, "work": save_work, "documents": save_documents}
