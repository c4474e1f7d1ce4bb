"""Site documents as huey jobs: the page polls the SiteDocument row for progress, then downloads."""

from documents.site_documents import build
from extensions import huey
from models.sites.documents import SiteDocument


@huey.task()
def build_site_document(doc_id):
    doc = SiteDocument.get_by_id(doc_id)

    def progress(percent):
        SiteDocument.update(progress=percent).where(SiteDocument.id == doc_id).execute()

    SiteDocument.update(status="running", progress=10).where(SiteDocument.id == doc_id).execute()
    try:
        pdf = build(doc, progress)
    except Exception:
        SiteDocument.update(status="failed").where(SiteDocument.id == doc_id).execute()
        raise
    SiteDocument.update(status="done", progress=100, pdf=pdf).where(SiteDocument.id == doc_id).execute()
