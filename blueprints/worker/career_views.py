from flask import g, redirect, url_for

from blueprints.shared import career_pages
from blueprints.shared.downloads import send_download
from blueprints.worker import bp
from documents.pdfs import render_pdf
from models.core.base import get_owned_or_404
from models.core.clock import today
from models.history.career import CareerSummary, format_code
from tasks.urls import external_url


@bp.get("/career")
def career():
    return career_pages.career_page(g.worker, url_for("worker.career_csv"), url_for("worker.career_summary_issue"))


@bp.get("/history.csv")
def career_csv():
    return career_pages.career_csv(g.worker)


@bp.post("/career/summary")
def career_summary_issue():
    summary, _data = CareerSummary.issue(g.worker, today())
    return redirect(url_for("worker.career_summary_pdf", summary_id=summary.id), 303)


@bp.get("/career/summaries/<int:summary_id>.pdf")
def career_summary_pdf(summary_id):
    summary = get_owned_or_404(CareerSummary.select().where(CareerSummary.worker == g.worker), summary_id)
    pdf = render_pdf(
        "pdf/career_summary.html",
        facts=summary.fact_dict(),
        summary=summary,
        code=format_code(summary.code),
        check_url=external_url("public.verify"),
    )
    return send_download(pdf, f"career-summary-{summary.code}.pdf", "application/pdf", attachment=False)
