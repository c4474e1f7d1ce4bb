"""入退場: who is on site now, in/out per worker per day, headcount per company, CSV."""

from flask import g, render_template, request

from blueprints.prime import bp
from blueprints.shared.downloads import send_csv
from blueprints.shared.helpers import asked_day
from models.core.base import get_owned_or_404
from models.history.presence import day_rows, day_sheet
from models.sites.sites import Site


@bp.get("/sites/<int:site_pk>/presence")
def site_presence(site_pk):
    site = get_owned_or_404(Site.of_prime(g.membership), site_pk)
    asked = asked_day()
    return render_template(
        "prime/site_presence.html",
        site=site,
        asked=asked,
        day=asked.day,
        sheet=day_sheet(site, asked.day, request.args.get("page")),
    )


@bp.get("/sites/<int:site_pk>/presence.csv")
def site_presence_csv(site_pk):
    site = get_owned_or_404(Site.of_prime(g.membership), site_pk)
    day = asked_day().day
    return send_csv(day_rows(site, day), f"presence-{site.site_id}-{day.isoformat()}.csv")
