from flask import g, render_template, request, url_for

from blueprints.company import bp
from blueprints.shared.entry_forms import DayEntryForm
from blueprints.shared.entry_pages import chosen, correction_page, submit_correction, submit_day
from blueprints.shared.params import number_param
from models.core.base import get_owned_or_404
from models.history.work_entries import WorkEntry, records_of_company_roster, roster_defaults, workers_entrable
from models.sites.sites import Site


def _form():
    """The entry form with the sites the company works on and, for the chosen site, the workers
    it may enter for (its own roster and those below it, 入力代行)."""
    sites = list(Site.visible_to(g.membership))
    wanted = number_param("site")
    site = next((s for s in sites if s.id == wanted), sites[0] if sites else None)
    workers = list(workers_entrable(site, g.company)) if site else []
    asked = request.values.get("worker", type=int)
    worker = next((w for w in workers if w.id == asked), workers[0] if workers else None)
    data = {"site": site.id if site else None, "worker": worker.id if worker else None}
    if worker:
        data.update(roster_defaults(site, worker.id))
    form = DayEntryForm(sites, workers, data=data)
    return form, sites, site, workers


def _context():
    return {
        "entries": list(WorkEntry.entered_by_company(g.company).limit(100)),
        "action": url_for("company.entry_add"),
        "company_view": True,
    }


@bp.get("/entries")
def entries():
    form, _sites, _site, _workers = _form()
    template = "entries/partials/_entry_form.html" if request.args.get("partial") else "entries/entries.html"
    return render_template(template, form=form, **_context())


@bp.post("/entries")
def entry_add():
    form, sites, _site, workers = _form()
    site, worker = chosen(form.site, sites), chosen(form.worker, workers)
    return submit_day(form, worker, site, g.company, url_for("company.entries"), "entries/entries.html", **_context())


@bp.get("/records/<int:record_id>/correct")
def record_correct(record_id):
    record = get_owned_or_404(records_of_company_roster(g.company), record_id)
    return correction_page(record, url_for("company.record_correct_save", record_id=record_id))


@bp.post("/records/<int:record_id>/correct")
def record_correct_save(record_id):
    record = get_owned_or_404(records_of_company_roster(g.company), record_id)
    action = url_for("company.record_correct_save", record_id=record_id)
    return submit_correction(record, g.company, action, url_for("company.entries"))
