"""The career page and CSV the worker and their employer both see (Q5-3, Q9-1)."""

from flask import render_template
from flask_babel import gettext as _

from blueprints.shared.downloads import send_csv
from models.core import codes
from models.history.career import career, csv_rows
from models.history.levels import progress


def career_page(worker, csv_url, summary_action=None):
    return render_template(
        "career/career.html",
        worker=worker,
        data=career(worker),
        levels=progress(worker),
        csv_url=csv_url,
        summary_action=summary_action,
    )


def career_csv(worker):
    """Every record as CSV."""
    header = [_("就業日"), _("現場ID"), _("現場"), _("職種"), _("立場"), _("入場"), _("退場"), _("記録の方法")]
    rows = (
        [
            r.work_date.isoformat(),
            r.site.site_id,
            r.site.name,
            codes.label(codes.TRADES, r.trade) or r.trade,
            codes.label(codes.POSITIONS, r.position) or r.position,
            r.first_in.strftime("%H:%M") if r.first_in else "",
            r.last_out.strftime("%H:%M") if r.last_out else "",
            codes.label(codes.RECORD_SOURCES, r.source) or r.source,
        ]
        for r in csv_rows(worker)
    )
    return send_csv([header, *rows], f"work-history-{worker.worker_id or worker.id}.csv")
