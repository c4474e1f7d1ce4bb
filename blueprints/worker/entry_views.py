from flask import g, render_template, url_for

from blueprints.shared.entry_forms import DayEntryForm
from blueprints.shared.entry_pages import chosen, correction_page, submit_correction, submit_day
from blueprints.worker import bp
from models.core.base import get_owned_or_404
from models.history.work_entries import WorkEntry, roster_defaults, sites_of_worker
from models.sites.records import WorkRecord
from models.sites.sites import Site


def _page_context():
    return {"entries": list(WorkEntry.of_worker(g.worker).limit(100)), "action": url_for("worker.entry_add")}


@bp.get("/entries")
def entries():
    sites = list(sites_of_worker(g.worker))
    form = DayEntryForm(sites, data=roster_defaults(sites[0], g.worker.id) if sites else {})
    return render_template("entries/entries.html", form=form, **_page_context())


@bp.post("/entries")
def entry_add():
    sites = list(sites_of_worker(g.worker))
    form = DayEntryForm(sites)
    return submit_day(
        form,
        g.worker,
        chosen(form.site, sites),
        None,
        url_for("worker.entries"),
        "entries/entries.html",
        **_page_context(),
    )


def _own_record(record_id):
    return get_owned_or_404(
        WorkRecord.select(WorkRecord, Site).join(Site).where(WorkRecord.worker == g.worker), record_id
    )


@bp.get("/records/<int:record_id>/correct")
def record_correct(record_id):
    record = _own_record(record_id)
    return correction_page(record, url_for("worker.record_correct_save", record_id=record_id))


@bp.post("/records/<int:record_id>/correct")
def record_correct_save(record_id):
    record = _own_record(record_id)
    action = url_for("worker.record_correct_save", record_id=record_id)
    return submit_correction(record, None, action, url_for("worker.entries"))
