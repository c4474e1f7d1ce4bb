"""システム連携 (Q1-11): workers from another system's encrypted export; the company chooses which
become proxy drafts, then completes and submits them like any proxy application."""

from flask import flash, g, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from blueprints.company import bp
from blueprints.company.bulk_forms import IntegrationForm
from blueprints.company.bulk_messages import (
    column_label,
    file_error_message,
    integration_error_message,
    problem_message,
)
from blueprints.shared.attachments import zip_limit_message
from blueprints.shared.downloads import send_download
from blueprints.shared.helpers import page_or_fragment
from blueprints.shared.params import number_list
from models.core.base import get_owned_or_404
from models.core.zips import ZipLimitError
from models.registration.attachments import MAX_BYTES
from models.registration.bulk.imports import BulkImport
from models.registration.bulk.integration import IntegrationError, queue_package, review, specification, take_chosen
from tasks.imports import run_integration_import


def _page(form, error=None, status=200):
    batches = list(BulkImport.of_company(g.company, "integration").order_by(BulkImport.id.desc()).limit(20))
    return render_template("company/bulk_integration.html", form=form, error=error, batches=batches), status


@bp.get("/integration")
def integration_index():
    return _page(IntegrationForm())


@bp.get("/integration/spec.md")
def integration_spec():
    spec = specification().encode("utf-8")
    return send_download(spec, "careerup_integration_spec.md", "text/markdown")


@bp.post("/integration")
def integration_upload():
    form = IntegrationForm()
    if not form.validate_on_submit():
        return _page(form, status=400)
    upload = form.package.data
    data = upload.read(MAX_BYTES + 1) if upload else b""
    if not data or len(data) > MAX_BYTES:
        return _page(form, file_error_message("too_large" if data else "empty"), 400)
    try:
        job = queue_package(g.company, current_user._get_current_object(), upload.filename, data, form.password.data)
    except IntegrationError as error:
        return _page(form, integration_error_message(error.code), 400)
    except ZipLimitError as error:
        return _page(form, zip_limit_message(error), 400)
    run_integration_import(job.job_id)
    return redirect(url_for("company.integration_batch", import_id=job.id))


@bp.get("/integration/<int:import_id>")
def integration_batch(import_id):
    job = get_owned_or_404(BulkImport.of_company(g.company, "integration"), import_id)
    context = {"job": job, "accepted": [], "rows": [], "skipped": [], "error": None}
    if job.status == "failed":
        context["error"] = integration_error_message(job.file_error, job.outcome().get("detail", ()))
    elif job.status in ("review", "done"):
        accepted, problems, skipped = review(job)
        rows = [(p, column_label(p), problem_message(p)) for p in problems]
        context.update(accepted=accepted, rows=rows, skipped=skipped)
    return page_or_fragment(
        "company/bulk_integration_batch.html", "company/partials/_integration_batch.html", **context
    )


@bp.post("/integration/<int:import_id>")
def integration_take(import_id):
    job = get_owned_or_404(BulkImport.of_company(g.company, "integration"), import_id)
    chosen = number_list("row")
    taken = take_chosen(job, chosen)
    flash(
        _("%(n)d人を代行申請の下書きにしました。足りない項目を入力し、同意書を登録して申請してください。", n=taken),
        "success",
    )
    return redirect(url_for("company.proxy_index"))
