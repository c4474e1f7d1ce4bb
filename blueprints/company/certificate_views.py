"""技能者の所属に関する証明書 filled from the company's data, as a PDF (seed downloads)."""

from flask import flash, g, redirect, url_for
from flask_babel import gettext as _

from blueprints.company import bp
from blueprints.shared.downloads import send_download
from documents.pdfs import render_pdf
from models.core import clock
from models.core.base import get_owned_or_404
from models.registration.changes import ChangeError, certificate_facts, current_affiliations_of


@bp.get("/affiliations/<int:affiliation_id>/certificate.pdf")
def certificate_pdf(affiliation_id):
    affiliation = get_owned_or_404(current_affiliations_of(g.company), affiliation_id)
    try:
        facts = certificate_facts(affiliation)
    except ChangeError:
        flash(
            _("事業者IDのない事業者は所属の証明書を発行できません（事業者IDの記入がないと受付されません）。"), "error"
        )
        return redirect(url_for("company.affiliations"))
    pdf = render_pdf("pdf/affiliation_certificate.html", issued_on=clock.today(), **facts)
    filename = f"affiliation-certificate-{affiliation.worker.worker_id}.pdf"
    return send_download(pdf, filename, "application/pdf", attachment=False)
