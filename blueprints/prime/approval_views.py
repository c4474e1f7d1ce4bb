from flask import flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext

from blueprints.prime import bp
from blueprints.shared.entry_forms import ENTRY_ERRORS, DecisionForm
from blueprints.shared.helpers import page_or_fragment
from models.core.base import get_owned_or_404
from models.core.clock import today
from models.core.numbers import int_or_none
from models.core.pagination import Page
from models.history.work_entries import (
    WorkEntry,
    companies_pending,
    decide,
    parse_day,
    records_on_prime_sites,
    trail_of_record,
)


def _queue(form=None, status=200, page="entries/approvals.html"):
    """The entries waiting for the prime, one page of the one pager at a time; `page` answers without htmx."""
    # A filter value that is no number filters nothing (the page still opens).
    company_id = int_or_none(request.values.get("company", ""))
    day = parse_day(request.values.get("day"))
    entries = Page(WorkEntry.for_prime(g.membership, company_id=company_id, day=day), request.values.get("page"))
    count, nearest = WorkEntry.pending_summary(g.membership)
    companies = {c.id: c for c in companies_pending(g.membership)}
    return page_or_fragment(
        page,
        "entries/partials/_queue.html",
        status=status,
        entries=entries,
        count=count,
        nearest=nearest,
        companies=companies,
        form=form or DecisionForm(),
        company_id=company_id,
        day=day.isoformat() if day else "",
    )


@bp.get("/approvals")
def approvals():
    return _queue()


@bp.post("/approvals")
def approvals_decide():
    form = DecisionForm()
    if not form.validate() or not form.ids.data:
        if not form.ids.data:
            form.ids.errors = [_("承認または差し戻す行を選んでください。")]
        return _queue(form, 422)
    chosen = list(WorkEntry.for_prime(g.membership).where(WorkEntry.id.in_(form.ids.data)))
    done, refused = decide(
        chosen, g.membership, g.membership.account, form.action.data == "approve", form.note.data or "", today()
    )
    if done:
        flash(ngettext("%(num)d件を処理しました。", "%(num)d件を処理しました。", len(done)))
    for entry, code in refused:
        flash(f"{entry.worker.full_name} {entry.work_date:%Y/%m/%d}: {ENTRY_ERRORS[code]}", "error")
    return _queue(page=redirect(url_for("prime.approvals"), 303))


@bp.get("/records/<int:record_id>/trail")
def record_trail(record_id):
    """Who entered or changed a day on the prime's site, when, and what it was before."""
    record = get_owned_or_404(records_on_prime_sites(g.membership), record_id)
    return render_template("entries/trail.html", record=record, trail=list(trail_of_record(record)))
