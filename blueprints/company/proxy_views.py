"""代行申請: the worker applications this company filed on the workers' behalf, to review and submit."""

from flask import g, render_template

from blueprints.company import bp
from models.proxy import ProxyFiling


@bp.get("/proxy")
def proxy_index():
    filings = list(ProxyFiling.of_company(g.company))
    return render_template("company/proxy_index.html", filings=filings)
