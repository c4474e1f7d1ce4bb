"""One roster row, edited or removed in place (htmx swaps the row only)."""

from flask import g, redirect, url_for

from blueprints.company import bp
from blueprints.company.roster_forms import EntryEditForm
from blueprints.company.roster_views import managed_contract
from blueprints.shared.helpers import page_or_fragment
from blueprints.shared.site_messages import roster_labels, site_error_message
from models.core import clock
from models.core.base import get_owned_or_404
from models.sites.records import remove_from_roster
from models.sites.rosters import TABLES, roster_counts, update_entry, with_details
from models.sites.sites import RosterEntry, SiteError


def _entry(contract_id, entry_id):
    contract = managed_contract(contract_id)
    entry = get_owned_or_404(RosterEntry.of_contract_for(contract, g.company, clock.today()), entry_id)
    return contract, with_details([entry], clock.today())[0]


def _edit_form(contract, entry, form):
    return page_or_fragment(
        "company/roster_entry_edit.html",
        "company/partials/_roster_entry_form.html",
        contract=contract,
        e=entry,
        form=form,
        **TABLES,
        RL=roster_labels(),
    )


@bp.get("/contracts/<int:contract_id>/roster/<int:entry_id>/edit")
def roster_entry_edit(contract_id, entry_id):
    contract, entry = _entry(contract_id, entry_id)
    form = EntryEditForm(obj=entry)
    form.marks.data = entry.mark_codes
    return _edit_form(contract, entry, form)


@bp.post("/contracts/<int:contract_id>/roster/<int:entry_id>/edit")
def roster_entry_update(contract_id, entry_id):
    contract, entry = _entry(contract_id, entry_id)
    form = EntryEditForm()
    if not form.validate_on_submit():
        return _edit_form(contract, entry, form), 400
    update_entry(entry, **form.entry_fields())
    return page_or_fragment(
        redirect(url_for("company.roster", contract_id=contract.id)),
        "company/partials/_roster_row.html",
        contract=contract,
        rows=with_details([entry], clock.today()),
        oob_counts=roster_counts(contract),
        **TABLES,
        RL=roster_labels(),
    )


@bp.post("/contracts/<int:contract_id>/roster/<int:entry_id>/delete")
def roster_remove(contract_id, entry_id):
    contract, entry = _entry(contract_id, entry_id)
    try:
        remove_from_roster(entry)
    except SiteError as exc:
        return page_or_fragment(
            redirect(url_for("company.roster", contract_id=contract.id)),
            "company/partials/_roster_row.html",
            status=400,
            contract=contract,
            rows=[entry],
            row_error=site_error_message(exc),
            **TABLES,
            RL=roster_labels(),
        )
    return page_or_fragment(
        redirect(url_for("company.roster", contract_id=contract.id)),
        "company/partials/_roster_removed.html",
        contract=contract,
        oob_counts=roster_counts(contract),
    )
