from flask import g, render_template

from blueprints.company import bp
from blueprints.company.admin_gate import admins_only
from models.site_billing import bills_of


@bp.get("/bills")
@admins_only
def bills():
    """現場利用料: one invoice a month for the records on the company's sites as prime."""
    return render_template("company/bills.html", bills=list(bills_of(g.company)))
