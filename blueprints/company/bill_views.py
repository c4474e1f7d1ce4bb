from flask import g, render_template

from blueprints.company import bp
from models.history.site_billing import bills_of


@bp.get("/bills")
def bills():
    """現場利用料: one invoice a month for the records on the company's sites as prime."""
    return render_template("company/bills.html", bills=list(bills_of(g.company)))
