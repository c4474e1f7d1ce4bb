"""The company's own record's history: who changed what, when (監査ログ)."""

from flask import g, render_template, request

from blueprints.company import bp
from blueprints.shared.audit_display import entry_rows
from models.accounts.audit import AuditEntry
from models.core.pagination import Page


@bp.get("/record-history")
def record_history():
    page = Page(AuditEntry.of_subject(g.company), request.args.get("page"))
    return render_template("company/record_history.html", company=g.company, page=page, rows=entry_rows(page))
