"""一括申請: the Excel template and code table, the upload that starts an import job, and the job's
progress and result (polled by htmx)."""

from flask import g, redirect, render_template, url_for
from flask_login import current_user

from blueprints.company import bp
from blueprints.company.bulk_forms import BulkUploadForm
from blueprints.company.bulk_messages import column_label, file_error_message, problem_message
from blueprints.company.proxy_forms import ArchiveForm
from blueprints.company.proxy_messages import unmatched_message, zip_error_message
from blueprints.shared.attachments import zip_limit_message
from blueprints.shared.downloads import send_download
from blueprints.shared.jobs import job_page
from documents.proxy_consent import consent_pdfs
from models.core.base import get_owned_or_404
from models.core.zips import ZipLimitError
from models.registration.attachments import MAX_BYTES, is_xlsx, purpose_label
from models.registration.bulk import template as bulk_template
from models.registration.bulk.files import ZipError, attach_zip, missing_images, zip_members
from models.registration.bulk.imports import BulkFileError, BulkImport, check_workbook, start_import
from models.registration.proxy import ProxyFiling, awaiting_consent
from tasks.imports import run_bulk_import
from tasks.jobs import retry

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _xlsx(data, filename):
    return send_download(data, filename, XLSX)


def _index(form, error=None):
    imports = list(BulkImport.of_company(g.company).order_by(BulkImport.id.desc()).limit(20))
    return render_template("company/bulk_index.html", form=form, error=error, imports=imports)


@bp.get("/bulk")
def bulk_index():
    return _index(BulkUploadForm())


@bp.get("/bulk/template.xlsx")
def bulk_template_download():
    return _xlsx(bulk_template.build_template(), f"careerup_bulk_v{bulk_template.TEMPLATE_VERSION}.xlsx")


@bp.get("/bulk/codes.xlsx")
def bulk_codes_download():
    return _xlsx(bulk_template.build_code_table(), "careerup_codes.xlsx")


@bp.post("/bulk")
def bulk_upload():
    form = BulkUploadForm()
    if not form.validate_on_submit():
        return _index(form), 400
    upload = form.workbook.data
    data = upload.read(MAX_BYTES + 1) if upload else b""
    code = "empty" if not data else "too_large" if len(data) > MAX_BYTES else None if is_xlsx(data) else "type"
    if code:
        return _index(form, file_error_message(code)), 400
    try:
        check_workbook(data)
    except BulkFileError as error:
        return _index(form, file_error_message(error.code, error.detail)), 400
    job = start_import(g.company, current_user._get_current_object(), upload.filename, data)
    run_bulk_import(job.job_id)
    return redirect(url_for("company.bulk_status", import_id=job.id))


@bp.get("/bulk/<int:import_id>")
def bulk_status(import_id):
    job = get_owned_or_404(BulkImport.of_company(g.company), import_id)
    outcome = job.outcome() if job.finished else {"problems": []}
    file_error = file_error_message(job.file_error, outcome.get("detail", ())) if job.file_error else None
    rows = [(p, column_label(p), problem_message(p)) for p in outcome["problems"]]
    context = {"job": job, "outcome": outcome, "rows": rows, "file_error": file_error}
    return job_page("company/bulk_status.html", "company/partials/_bulk_progress.html", job.finished, **context)


@bp.post("/bulk/<int:import_id>/retry")
def bulk_retry(import_id):
    job = get_owned_or_404(BulkImport.of_company(g.company), import_id)
    if job.job_id:
        retry(job.job_id)
    return redirect(url_for("company.bulk_status", import_id=job.id))


def _files_page(job, form, report=None, error=None, status=200):
    filings = list(ProxyFiling.of_company(g.company).where(ProxyFiling.bulk_import == job.id))
    context = {"job": job, "form": form, "error": error, "report": report}
    context.update(purpose_label=purpose_label, unmatched_message=unmatched_message)
    context["missing"] = report[2] if report else missing_images(filings)
    return render_template("company/bulk_files.html", **context), status


@bp.get("/bulk/<int:import_id>/files")
def bulk_files(import_id):
    job = get_owned_or_404(BulkImport.of_company(g.company), import_id)
    return _files_page(job, ArchiveForm())


@bp.post("/bulk/<int:import_id>/files")
def bulk_files_upload(import_id):
    job = get_owned_or_404(BulkImport.of_company(g.company), import_id)
    form = ArchiveForm()
    if not form.validate_on_submit():
        return _files_page(job, form, status=400)
    upload = form.archive.data
    try:
        members = zip_members(upload.read() if upload else b"")
    except ZipError as error:
        return _files_page(job, form, error=zip_error_message(error.code), status=400)
    except ZipLimitError as error:
        return _files_page(job, form, error=zip_limit_message(error), status=400)
    filings = list(ProxyFiling.of_company(g.company).where(ProxyFiling.bulk_import == job.id))
    return _files_page(job, ArchiveForm(formdata=None), report=attach_zip(filings, members, current_user.id))


@bp.get("/bulk/<int:import_id>/consents.pdf")
def bulk_consents_pdf(import_id):
    """The pre-filled consent forms of the list's drafts still without a consent, one a page, to print at once."""
    job = get_owned_or_404(BulkImport.of_company(g.company), import_id)
    waiting = awaiting_consent(list(ProxyFiling.of_company(g.company).where(ProxyFiling.bulk_import == job.id)))
    pdf = consent_pdfs(waiting, current_user.display_name)
    return send_download(pdf, "proxy_consents.pdf", "application/pdf", attachment=False)
