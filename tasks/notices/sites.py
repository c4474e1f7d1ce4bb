"""Notices about sites: an invitation into a site's subcontract tree."""

from models.sites.sites import SiteContract
from tasks.notices.recipients import to_company_admins
from tasks.urls import external_url


def site_invited(contract_id):
    """A company invited into a site's subcontract tree: each of its admins hears who invited it where."""
    contract = SiteContract.get_by_id(contract_id)
    to_company_admins(
        contract.company,
        "site_invited",
        inviter=contract.parent.name,
        site=contract.site.name,
        tier=contract.tier,
        url=external_url("company.dashboard"),
    )
