"""Site documents as huey jobs: the page polls the SiteDocument's Job for progress, then downloads."""

from documents.site_documents import build
from extensions import db
from models.sites.documents import SiteDocument
from tasks.jobs import job_task


@job_task("site_document")
def build_site_document(job_id, run):
    """Renders the PDF again from the start on every run; it is stored with the job's end, once."""
    doc = SiteDocument.get(SiteDocument.job == job_id)
    run.progress(10)
    pdf = build(doc, run.progress)
    with db.atomic():
        SiteDocument.update(pdf=pdf).where(SiteDocument.id == doc.id).execute()
        run.complete()
