"""The career page and CSV the worker and their employer both see (Q5-3, Q9-1)."""

import csv
import io

from flask import Response, render_template
from flask_babel import gettext as _

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
    """Every record as CSV (UTF-8 with BOM so Excel on Windows opens the Japanese correctly)."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow([_("就業日"), _("現場ID"), _("現場"), _("職種"), _("立場"), _("入場"), _("退場"), _("記録の方法")])
    for r in csv_rows(worker):
        writer.writerow(
            [
                r.work_date.isoformat(),
                r.site.site_id,
                r.site.name,
                codes.label(codes.TRADES, r.trade) or r.trade,
                codes.label(codes.POSITIONS, r.position) or r.position,
                r.first_in.strftime("%H:%M") if r.first_in else "",
                r.last_out.strftime("%H:%M") if r.last_out else "",
                r.source,
            ]
        )
    filename = f"work-history-{worker.worker_id or worker.id}.csv"
    return Response(
        out.getvalue(),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{filename}"', "Cache-Control": "private, no-store"},
    )
