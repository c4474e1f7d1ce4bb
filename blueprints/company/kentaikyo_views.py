from flask import flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _

from blueprints.company import bp
from blueprints.shared.downloads import send_csv
from blueprints.shared.params import number_param
from models.core.clock import today
from models.history.kentaikyo import KentaikyoError, calendar_rows, normalize_contract_number, ready_on
from models.sites.sites import SiteContract


def _months(day, count=12):
    """The last `count` months, newest first, each with the day its calendar is ready."""
    year, month = day.year, day.month
    out = []
    for _step in range(count):
        month -= 1
        if month == 0:
            year, month = year - 1, 12
        out.append((year, month, ready_on(year, month)))
    return out


def _sites():
    return [c.site for c in SiteContract.of_company(g.company).where(SiteContract.status == "accepted")]


@bp.get("/kentaikyo")
def kentaikyo():
    return render_template(
        "company/kentaikyo.html",
        months=_months(today()),
        today=today(),
        number=g.company.kentaikyo_contract_number,
        error=None,
        sites=_sites(),
    )


@bp.post("/kentaikyo")
def kentaikyo_save():
    typed = request.form.get("number", "")
    try:
        g.company.kentaikyo_contract_number = normalize_contract_number(typed)
    except KentaikyoError:
        error = _("共済契約者番号は数字で入力してください（20桁まで）。")
        return render_template(
            "company/kentaikyo.html", months=_months(today()), today=today(), number=typed, error=error, sites=_sites()
        ), 422
    g.company.save()
    flash(_("共済契約者番号を保存しました。"))
    return redirect(url_for("company.kentaikyo"), 303)


@bp.get("/kentaikyo/<int:year>-<int:month>.csv")
def kentaikyo_csv(year, month):
    if not (1 <= month <= 12 and 2000 <= year <= 2999) or ready_on(year, month) > today():
        flash(_("この月の就労実績は翌月10日から出力できます。"), "error")
        return redirect(url_for("company.kentaikyo"))
    site = number_param("site")  # narrows the company's own rows; never widens them
    rows, days = calendar_rows(g.company, year, month, site)
    head = [_("共済契約者番号"), g.company.kentaikyo_contract_number, _("事業者ID"), g.company.business_id]
    columns = [_("技能者ID"), _("氏名"), _("被共済者番号")] + [str(d) for d in range(1, days + 1)] + [_("就労日数")]
    lines = (
        [worker.worker_id, worker.full_name, worker.kentaikyo_number]
        + ["1" if d in worked else "" for d in range(1, days + 1)]
        + [total]
        for worker, worked, total in rows
    )
    filename = f"kentaikyo-{g.company.business_id}-{year:04d}{month:02d}{f'-site{site}' if site else ''}.csv"
    return send_csv([head + [f"{year:04d}/{month:02d}"], columns, *lines], filename)
