"""The site documents as PDFs, made from the site's data (seed Q9-5): each builder gathers its
rows in a few queries and a drawer in documents/ lays them out as the form."""

import functools

from flask_babel import force_locale

from documents.form_xlsx import XlsxDocument
from documents.green_forms import education_pdf, notice_pdf, tree_pdf
from documents.ledger_pdf import ledger_pdf
from documents.roster_pdf import roster_pdf
from models.accounts.companies import Company
from models.accounts.workers import Worker
from models.core import clock
from models.sites.ledger import ConstructionPermit, ContractLedger, Office
from models.sites.records import first_days
from models.sites.rosters import EducationSession, with_details
from models.sites.sites import RosterEntry, SiteContract


def _entries(doc, company_ids=None):
    """Roster rows the requesting company may see (Q5-3: upper tiers only while on the site)."""
    visible = RosterEntry.visible_to(doc.site, doc.requested_by, clock.today()).select(RosterEntry.id)
    # the crew's company prints by name only: its other columns would be read once per worker
    query = (
        RosterEntry.select(RosterEntry, Worker, Company.id, Company.name, Company.business_id)
        .join(Worker)
        .switch(RosterEntry)
        .join(Company)
        .where(RosterEntry.id.in_(visible))
        .order_by(RosterEntry.company, RosterEntry.id)
    )
    if company_ids is not None:
        query = query.where(RosterEntry.company.in_(company_ids))
    return with_details(query, clock.today())


def _uppers(contracts, contract):
    """The companies above `contract` up to the first tier, first tier first."""
    by_company = {c.company_id: c for c in contracts}
    chain, current = [], by_company.get(contract.parent_id)
    while current is not None:
        chain.insert(0, current)
        current = by_company.get(current.parent_id)
    return chain


def roster_context(doc):
    contract = doc.contract
    contracts = SiteContract.tree(doc.site)
    entries = _entries(doc, [contract.company_id])
    first = first_days(doc.site, [e.worker_id for e in entries])
    for e in entries:  # 入場年月日: the first day on record, else what the employer typed
        e.entered_on = first.get(e.worker_id, e.entered_on)
    return {"contract": contract, "uppers": _uppers(contracts, contract), "entries": entries}


def _green_data(doc, contracts, entries):
    """What the ledger and the notices print of each company: its ledger part, permits, offices, names
    and the foreign-worker statuses of its crew."""
    foreign = {}
    for e in entries:
        if e.foreign_status:
            foreign.setdefault(e.company_id, set()).add(e.foreign_status)
    names = {c.company_id: c.company.name for c in contracts} | {doc.site.prime_id: doc.site.prime.name}
    return {
        "foreign": foreign,
        "company_names": names,
        "ledger": ContractLedger.of_site(doc.site),
        "permits": _by_company(ConstructionPermit, names),
        "offices": _by_company(Office, names),
    }


def ledger_context(doc):
    contracts = SiteContract.tree(doc.site)
    entries = _entries(doc)
    return {"contracts": contracts, "entries": entries, **_green_data(doc, contracts, entries)}


def _by_company(model, companies):
    """{company_id: [rows]} of the site's companies, in one query."""
    found = {}
    for row in model.select().where(model.company.in_(list(companies))).order_by(model.id):
        found.setdefault(row.company_id, []).append(row)
    return found


def notice_context(doc):
    contract = doc.contract
    contracts = SiteContract.tree(doc.site)
    return {
        "contract": contract,
        "below": [c for c in contracts if c.parent_id == contract.company_id],
        **_green_data(doc, contracts, _entries(doc, [contract.company_id])),
    }


def tree_context(doc):
    contracts = [c for c in SiteContract.tree(doc.site) if c.status == "accepted"]
    children = {}
    for c in contracts:
        children.setdefault(c.parent_id, []).append(c)
    trades = {}
    for e in RosterEntry.select(RosterEntry.company, RosterEntry.trade).where(RosterEntry.site == doc.site):
        trades.setdefault(e.company_id, set()).add(e.trade)
    return {
        "children": children,
        "trades_by_company": trades,
        "count": len(contracts),
        "ledger": ContractLedger.of_site(doc.site),
    }


def education_context(doc):
    sessions = list(EducationSession.of_site(doc.site))
    return {
        "sessions": [(s, list(s.attendees())) for s in sessions],
        "missing": [e for e in _entries(doc) if e.entry_education_on is None],
    }


BUILDERS = {
    "roster": roster_context,
    "roster_xlsx": roster_context,
    "ledger": ledger_context,
    "ledger_xlsx": ledger_context,
    "notice": notice_context,
    "tree": tree_context,
    "education": education_context,
}
DRAWERS = {
    "roster": roster_pdf,
    "roster_xlsx": functools.partial(roster_pdf, document=XlsxDocument),
    "ledger": ledger_pdf,
    "ledger_xlsx": functools.partial(ledger_pdf, document=XlsxDocument),
    "notice": notice_pdf,
    "tree": tree_pdf,
    "education": education_pdf,
}


def build(doc, progress=lambda percent: None):
    """PDF bytes of `doc` (a SiteDocument), reporting progress as it goes."""
    with force_locale(doc.lang):
        context = BUILDERS[doc.kind](doc)
        progress(40)
        common = {"site": doc.site, "prime": doc.site.prime, "today": clock.today()}
        return DRAWERS[doc.kind](**common, **context)
