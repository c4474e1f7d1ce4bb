from flask import g, url_for

from blueprints.company import bp
from blueprints.shared import career_pages
from models.core.base import get_owned_or_404
from models.registration.changes import current_affiliations_of


@bp.get("/affiliations/<int:affiliation_id>/career")
def worker_career(affiliation_id):
    """The career of a worker affiliated with this company (Q5-3: the employer sees its workers)."""
    affiliation = get_owned_or_404(current_affiliations_of(g.company), affiliation_id)
    csv_url = url_for("company.worker_career_csv", affiliation_id=affiliation_id)
    return career_pages.career_page(affiliation.worker, csv_url)


@bp.get("/affiliations/<int:affiliation_id>/history.csv")
def worker_career_csv(affiliation_id):
    affiliation = get_owned_or_404(current_affiliations_of(g.company), affiliation_id)
    return career_pages.career_csv(affiliation.worker)
