from flask import current_app, render_template, request

from blueprints.public import bp
from extensions import limiter
from models.core.trades import document_labels
from models.history.career import CareerSummary, format_code


@bp.get("/verify")
@limiter.limit(
    lambda: current_app.config["RATELIMIT_VERIFY_IP"], exempt_when=lambda: not request.args.get("code"), scope="verify"
)
def verify():
    """Anyone holding a printed career summary checks its code here; only the printed facts show."""
    code = request.args.get("code", "")[:40]
    summary = CareerSummary.check(code) if code else None
    return render_template(
        "public/verify.html",
        code=code,
        summary=summary,
        facts=summary.fact_dict() if summary else None,
        formatted=format_code(summary.code) if summary else "",
        trade_names=document_labels(),  # as the certificate prints them: the CareerUp marker is its footnote
    )
