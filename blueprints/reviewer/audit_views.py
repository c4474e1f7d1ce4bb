"""監査ログの検索: every change to a registration and every decision, by ID, name, actor and period."""

from flask import render_template, request

from blueprints.reviewer import bp
from blueprints.reviewer.audit_forms import AuditSearchForm
from blueprints.shared.audit_display import entry_rows
from models.accounts.audit import search
from models.core.pagination import Page


@bp.get("/audit")
def audit_search():
    form = AuditSearchForm(formdata=request.args)
    filters = form.filters()
    page = Page(search(**filters), request.args.get("page"))
    return render_template(
        "reviewer/audit_search.html",
        form=form,
        page=page,
        rows=entry_rows(page, for_staff=True),
        query={k: request.args.get(k, "") for k in ("q", "actor", "since", "until", "kind")},
    )
