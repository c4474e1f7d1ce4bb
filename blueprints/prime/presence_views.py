"""入退場: who is on site now, in/out per worker per day, headcount per company, CSV."""

import datetime as dt

from flask import g, render_template, request

from blueprints.prime import bp
from blueprints.shared.downloads import send_csv
from models.core.base import get_owned_or_404
from models.core.clock import today
from models.history.presence import day_rows, day_sheet
from models.sites.sites import Site

FIRST_DAY, LAST_DAY = dt.date(2000, 1, 1), dt.date(2100, 12, 31)


def _day():
    try:
        day = dt.date.fromisoformat(request.args.get("date", ""))
    except ValueError:
        return today()
    return min(max(day, FIRST_DAY), LAST_DAY)


@bp.get("/sites/<int:site_pk>/presence")
def site_presence(site_pk):
    site = get_owned_or_404(Site.of_prime(g.membership), site_pk)
    day = _day()
    return render_template(
        "prime/site_presence.html",
        site=site,
        day=day,
        sheet=day_sheet(site, day, request.args.get("page")),
        prev_day=max(day - dt.timedelta(days=1), FIRST_DAY),
        next_day=min(day + dt.timedelta(days=1), LAST_DAY),
    )


@bp.get("/sites/<int:site_pk>/presence.csv")
def site_presence_csv(site_pk):
    site = get_owned_or_404(Site.of_prime(g.membership), site_pk)
    day = _day()
    return send_csv(day_rows(site, day), f"presence-{site.site_id}-{day.isoformat()}.csv")
