"""Rosters (作業員名簿) with htmx: invitations on the home page, search, add many at once."""

from flask import abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from blueprints.company import bp
from blueprints.company.roster_forms import RosterEntryForm
from blueprints.shared.ccus_ref import CcusRefForm, save_ccus_ref
from blueprints.shared.helpers import page_or_fragment
from blueprints.shared.params import number_param
from blueprints.shared.site_messages import roster_labels, site_error_message
from models.accounts.workers import Worker
from models.billing.renewals import renewal_opens_on
from models.core import clock
from models.core.base import get_owned_or_404
from models.core.codes import list_join
from models.registration.settlement import company_registration_invoice
from models.sites.rosters import TABLES, add_many, roster_counts, roster_page, search, with_details
from models.sites.sites import SiteContract, SiteError

PAGE_SIZE = 50


@bp.get("/")
def dashboard():
    contracts = list(SiteContract.of_company(g.company))
    workers = list(Worker.visible_to_company(g.company))
    others = list(SiteContract.waiting_for(current_user))  # invitations of the person's other companies
    invoice = None if g.company.usable else company_registration_invoice(g.company)
    return render_template(
        "company/dashboard.html",
        company=g.company,
        contracts=contracts,
        workers=workers,
        invitations=others,
        registration_invoice=invoice,
        renewal_opens_on=renewal_opens_on(g.company),
        today=clock.today(),
        ccus_form=CcusRefForm(formdata=None, ccus_ref=g.company.ccus_ref),
    )


@bp.post("/contracts/<int:contract_id>/accept")
def contract_accept(contract_id):
    contract = get_owned_or_404(SiteContract.of_company(g.company), contract_id)
    try:
        contract.accept()
    except SiteError as exc:
        flash(site_error_message(exc), "error")
        return redirect(url_for("company.dashboard"))
    flash(_("「%(site)s」への参加を承認しました。", site=contract.site.name), "success")
    return redirect(url_for("company.roster", contract_id=contract.id))


@bp.post("/contracts/<int:contract_id>/decline")
def contract_decline(contract_id):
    contract = get_owned_or_404(SiteContract.of_company(g.company), contract_id)
    try:
        contract.decline()
        flash(_("「%(site)s」への招待を辞退しました。", site=contract.site.name), "success")
    except SiteError as exc:
        flash(site_error_message(exc), "error")
    return redirect(url_for("company.dashboard"))


def managed_contract(contract_id):
    """The contract whose roster `g.company` may build (its own or, as an upper tier, one below it)."""
    return SiteContract.manageable(g.membership, contract_id) or abort(404)


def roster_context(contract, form=None, error=None, notice=None, before=None):
    """The roster page, newest first, one page at a time (more rows load as the user scrolls)."""
    entries = roster_page(contract, g.company, clock.today(), PAGE_SIZE, before)
    return {
        "contract": contract,
        "site": contract.site,
        "proxy": contract.company_id != g.company.id,
        "entries": entries[:PAGE_SIZE],
        "more_before": entries[PAGE_SIZE - 1].id if len(entries) > PAGE_SIZE else None,
        "counts": roster_counts(contract),
        "form": form or RosterEntryForm(),
        "candidates": search(contract, ""),
        "query": "",
        "error": error,
        "notice": notice,
        **TABLES,
        "RL": roster_labels(),
    }


@bp.get("/contracts/<int:contract_id>/roster")
def roster(contract_id):
    contract = managed_contract(contract_id)
    return render_template("company/roster.html", **roster_context(contract, before=number_param("before")))


@bp.get("/contracts/<int:contract_id>/roster/rows")
def roster_rows(contract_id):
    contract = managed_contract(contract_id)
    context = roster_context(contract, before=number_param("before"))
    return page_or_fragment("company/roster.html", "company/partials/_roster_rows.html", **context)


@bp.get("/contracts/<int:contract_id>/roster/search")
def roster_search(contract_id):
    contract = managed_contract(contract_id)
    query = request.args.get("q", "")
    found = {"candidates": search(contract, query), "query": query}

    def page():  # the whole roster only without htmx: its queries are not the search's
        return render_template("company/roster.html", **roster_context(contract) | found)

    return page_or_fragment(page, "company/partials/_roster_candidates.html", form=RosterEntryForm(), **found)


@bp.post("/contracts/<int:contract_id>/roster")
def roster_add(contract_id):
    contract = managed_contract(contract_id)
    form = RosterEntryForm()
    try:
        if not form.validate_on_submit():
            return _add_failed(contract, form, None)
        workers = list(Worker.select().where(Worker.id.in_(form.worker_ids()) & (Worker.status == "approved")))
        new = add_many(contract, workers, g.company, lent=form.lent.data, **form.entry_fields())
    except SiteError as exc:
        return _add_failed(contract, form, site_error_message(exc))
    return _added(contract, new)


def _added(contract, new):
    """Only the new rows, with the count, the message and the candidates (the added ones unticked and gone)
    out of band; the rest of the form keeps what was chosen, for the next worker of the crew."""
    return page_or_fragment(
        redirect(url_for("company.roster", contract_id=contract.id)),
        "company/partials/_roster_added.html",
        contract=contract,
        added=with_details(new, clock.today()),
        notice=_("%(names)s を名簿に追加しました。", names=list_join(e.worker.full_name for e in new)),
        oob_counts=roster_counts(contract),
        form=RosterEntryForm(formdata=None),
        candidates=search(contract, request.form.get("q", "")),
        **TABLES,
        RL=roster_labels(),
    )


def _add_failed(contract, form, error):
    """The add form again with what was typed and why; htmx swaps it over the form."""
    context = roster_context(contract, form=form, error=error)
    return page_or_fragment(
        "company/roster.html",
        "company/partials/_roster_form.html",
        status=400,
        retarget="#roster-form",
        reswap="outerHTML",
        **context,
    )


@bp.post("/ccus-ref")
def ccus_ref():
    return save_ccus_ref(g.company, url_for("company.dashboard") + "#ccus-ref")
