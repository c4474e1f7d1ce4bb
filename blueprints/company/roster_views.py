from flask import flash, g, redirect, render_template, url_for
from flask_babel import gettext as _

from blueprints.company import bp
from blueprints.company.roster_forms import RosterEntryForm
from blueprints.shared.helpers import page_or_fragment
from models.base import get_owned_or_404
from models.sites import RosterEntry, SiteContract, SiteError
from models.workers import Worker

ROSTER_ERRORS = {
    "not_accepted": lambda: _("この現場への参加を承認してから名簿を登録してください。"),
    "not_affiliated": lambda: _("自社に所属する、登録済みの技能者だけを名簿に追加できます。"),
    "duplicate": lambda: _("この技能者は既にこの現場の名簿に登録されています。"),
    "has_history": lambda: _("就業履歴のある技能者は名簿から外せません。"),
}


@bp.get("/")
def dashboard():
    contracts = list(SiteContract.of_company(g.company))
    workers = list(Worker.visible_to_company(g.company))
    return render_template("company/dashboard.html", company=g.company, contracts=contracts, workers=workers)


@bp.post("/contracts/<int:contract_id>/accept")
def contract_accept(contract_id):
    contract = get_owned_or_404(SiteContract.of_company(g.company), contract_id)
    contract.accept()
    flash(_("「%(site)s」への参加を承認しました。", site=contract.site.name), "success")
    return redirect(url_for("company.roster", contract_id=contract.id))


def _roster_context(contract, form=None, error=None, notice=None):
    workers = [w for w in Worker.visible_to_company(g.company) if w.approved]
    return {
        "contract": contract,
        "site": contract.site,
        "entries": list(RosterEntry.of_contract(contract)),
        "form": form or RosterEntryForm(workers),
        "error": error,
        "notice": notice,
    }


@bp.get("/contracts/<int:contract_id>/roster")
def roster(contract_id):
    contract = get_owned_or_404(SiteContract.of_company(g.company), contract_id)
    return render_template("company/roster.html", **_roster_context(contract))


@bp.post("/contracts/<int:contract_id>/roster")
def roster_add(contract_id):
    contract = get_owned_or_404(SiteContract.of_company(g.company), contract_id)
    workers = [w for w in Worker.visible_to_company(g.company) if w.approved]
    form = RosterEntryForm(workers)
    error, notice, status = None, None, 200
    if form.validate_on_submit():
        worker = next(w for w in workers if str(w.id) == form.worker.data)
        try:
            RosterEntry.add(contract, worker, form.position.data, form.trade.data)
            form = RosterEntryForm(workers, formdata=None)  # a fresh form for the next worker
            notice = _("%(name)s を名簿に追加しました。", name=worker.full_name)
        except SiteError as exc:
            error, status = ROSTER_ERRORS[exc.code](), 400
    else:
        status = 400
    context = _roster_context(contract, form, error, notice)
    return page_or_fragment("company/roster.html", "company/partials/_roster.html", **context), status


@bp.post("/contracts/<int:contract_id>/roster/<int:entry_id>/delete")
def roster_remove(contract_id, entry_id):
    contract = get_owned_or_404(SiteContract.of_company(g.company), contract_id)
    entry = get_owned_or_404(RosterEntry.of_contract(contract), entry_id)
    try:
        entry.remove()
    except SiteError as exc:
        return page_or_fragment(
            "company/roster.html",
            "company/partials/_roster.html",
            **_roster_context(contract, error=ROSTER_ERRORS[exc.code]()),
        ), 400
    return page_or_fragment("company/roster.html", "company/partials/_roster.html", **_roster_context(contract))
