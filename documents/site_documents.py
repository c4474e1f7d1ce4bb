"""The site documents as PDFs, made from the site's data (seed Q9-5): each builder gathers its
rows in a few queries and renders templates/pdf/site_<kind>.html."""

from flask_babel import force_locale

from documents.pdfs import render_pdf
from documents.roster_pdf import roster_pdf
from models.accounts.companies import Company
from models.accounts.workers import Worker
from models.core import clock
from models.sites.rosters import FOREIGN_STATUSES, MARK_LETTERS, MARKS, EducationSession, age_on, with_details
from models.sites.sites import ORDER_TYPES, WORKS_KINDS, RosterEntry, SiteContract


def _entries(doc, company_ids=None):
    """Roster rows the requesting company may see (Q5-3: upper tiers only while on the site)."""
    visible = RosterEntry.visible_to(doc.site, doc.requested_by, clock.today()).select(RosterEntry.id)
    query = (
        RosterEntry.select(RosterEntry, Worker, Company)
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
    return {
        "contract": contract,
        "uppers": _uppers(contracts, contract),
        "entries": _entries(doc, [contract.company_id]),
    }


def ledger_context(doc):
    contracts = SiteContract.tree(doc.site)
    entries = _entries(doc)
    foreign = {}
    for e in entries:
        if e.foreign_status:
            foreign.setdefault(e.company_id, set()).add(e.foreign_status)
    names = {c.company_id: c.company.name for c in contracts} | {doc.site.prime_id: doc.site.prime.name}
    return {"contracts": contracts, "entries": entries, "foreign": foreign, "company_names": names}


def notice_context(doc):
    contract = doc.contract
    return {
        "contract": contract,
        "below": [c for c in SiteContract.tree(doc.site) if c.parent_id == contract.company_id],
    }


def tree_context(doc):
    contracts = [c for c in SiteContract.tree(doc.site) if c.status == "accepted"]
    children = {}
    for c in contracts:
        children.setdefault(c.parent_id, []).append(c)
    trades = {}
    for e in RosterEntry.select(RosterEntry.company, RosterEntry.trade).where(RosterEntry.site == doc.site):
        trades.setdefault(e.company_id, set()).add(e.trade)
    return {"children": children, "trades": trades, "count": len(contracts)}


def education_context(doc):
    sessions = list(EducationSession.of_site(doc.site))
    return {
        "sessions": [(s, list(s.attendees())) for s in sessions],
        "missing": [e for e in _entries(doc) if e.entry_education_on is None],
    }


BUILDERS = {
    "roster": roster_context,
    "ledger": ledger_context,
    "notice": notice_context,
    "tree": tree_context,
    "education": education_context,
}
TABLES = {
    "marks": MARKS,
    "mark_letters": MARK_LETTERS,
    "foreign_statuses": FOREIGN_STATUSES,
    "order_types": ORDER_TYPES,
    "works_kinds": WORKS_KINDS,
    "age": age_on,
    # The ledger's long tables go out as one table per page: reportlab splits a 500-row table slowly.
    "per_page": 14,
}


def build(doc, progress=lambda percent: None):
    """PDF bytes of `doc` (a SiteDocument), reporting progress as it goes."""
    with force_locale(doc.lang):
        context = BUILDERS[doc.kind](doc)
        progress(40)
        common = {"site": doc.site, "prime": doc.site.prime, "today": clock.today()}
        if doc.kind == "roster":
            return roster_pdf(**common, **context)
        return render_pdf(f"pdf/site_{doc.kind}.html", **common, **TABLES, **context)
