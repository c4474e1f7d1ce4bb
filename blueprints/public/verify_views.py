from flask import render_template, request

from blueprints.public import bp
from models.history.career import CareerSummary, format_code


@bp.get("/verify")
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
    )
