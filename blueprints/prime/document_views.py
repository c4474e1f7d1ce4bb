"""Site documents: ask for one, watch its progress (htmx polling), download the PDF when ready."""

from flask import abort, g, redirect, render_template, url_for
from flask_babel import get_locale

from blueprints.prime import bp
from blueprints.shared.downloads import send_download
from blueprints.shared.helpers import page_or_fragment
from blueprints.shared.jobs import job_page
from blueprints.shared.params import number_param
from models.core.base import get_owned_or_404
from models.sites.documents import SiteDocument, may_request
from models.sites.sites import Site, SiteContract
from tasks.documents import build_site_document
from tasks.jobs import retry


@bp.get("/sites/<int:site_pk>/documents")
def documents(site_pk):
    site = get_owned_or_404(Site.visible_to(g.membership), site_pk)
    contracts = [c for c in SiteContract.visible_on(site, g.company) if c.status == "accepted"]
    return render_template(
        "prime/document_list.html",
        site=site,
        contracts=contracts,
        ledger=site.ledger_visible_to(g.company),
        is_prime=site.prime_id == g.company.id,
    )


@bp.post("/sites/<int:site_pk>/documents/<kind>")
def document_request(site_pk, kind):
    site = get_owned_or_404(Site.visible_to(g.membership), site_pk)
    contract_id = number_param("contract")
    contract = SiteContract.get_or_none(SiteContract.id == contract_id) if contract_id else None
    if not may_request(site, kind, contract, g.company):
        abort(404)
    doc, needs_building = SiteDocument.request(site, kind, contract, g.company, str(get_locale() or "ja"))
    if needs_building:
        build_site_document(doc.job_id)
    doc = SiteDocument.of_company(g.membership).where(SiteDocument.id == doc.id).get()
    page = redirect(url_for("prime.document_status", doc_id=doc.id))
    return page_or_fragment(page, "prime/partials/_document_status.html", doc=doc)


@bp.get("/documents/<int:doc_id>")
def document_status(doc_id):
    doc = get_owned_or_404(SiteDocument.of_company(g.membership), doc_id)
    return job_page("prime/document_status.html", "prime/partials/_document_status.html", doc.job.finished, doc=doc)


@bp.post("/documents/<int:doc_id>/retry")
def document_retry(doc_id):
    doc = get_owned_or_404(SiteDocument.of_company(g.membership), doc_id)
    retry(doc.job_id)
    return redirect(url_for("prime.document_status", doc_id=doc.id))


@bp.get("/documents/<int:doc_id>/download")
def document_download(doc_id):
    doc = get_owned_or_404(SiteDocument.of_company(g.membership).select_extend(SiteDocument.pdf), doc_id)
    if doc.status != "done":
        return redirect(url_for("prime.document_status", doc_id=doc.id))
    return send_download(bytes(doc.pdf), doc.filename, doc.mimetype)
