"""データの書き出し: the company's system admin asks for a zip of all its data, watches the job (htmx
polling) and downloads it."""

from flask import g, redirect, render_template, url_for
from flask_login import current_user

from blueprints.company import bp
from blueprints.shared.downloads import send_download
from blueprints.shared.jobs import job_page
from models.core.base import get_owned_or_404
from models.history.export import CompanyExport, start_export
from tasks.exports import build_company_export
from tasks.jobs import retry


@bp.get("/export")
def export_index():
    exports = list(CompanyExport.of_company(g.company).order_by(CompanyExport.id.desc()).limit(10))
    return render_template("company/export_index.html", exports=exports)


@bp.post("/export")
def export_start():
    export = start_export(g.company, current_user._get_current_object())
    build_company_export(export.job_id)
    return redirect(url_for("company.export_status", export_id=export.id))


@bp.get("/export/<int:export_id>")
def export_status(export_id):
    export = get_owned_or_404(CompanyExport.of_company(g.company), export_id)
    return job_page(
        "company/export_status.html", "company/partials/_export_status.html", export.job.finished, export=export
    )


@bp.post("/export/<int:export_id>/retry")
def export_retry(export_id):
    export = get_owned_or_404(CompanyExport.of_company(g.company), export_id)
    retry(export.job_id)
    return redirect(url_for("company.export_status", export_id=export.id))


@bp.get("/export/<int:export_id>/download")
def export_download(export_id):
    export = get_owned_or_404(CompanyExport.of_company(g.company).select_extend(CompanyExport.data), export_id)
    if export.job.state != "done":
        return redirect(url_for("company.export_status", export_id=export.id))
    return send_download(bytes(export.data), export.filename, "application/zip")
