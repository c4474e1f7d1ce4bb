"""Issue 7 item 8: the role table (blueprints/shared/permissions.py) decides every company and prime
route for every admin role. Walks the URL map, so a new route that is not in the table fails here."""

import pytest

from blueprints.shared.permissions import ENDPOINT_RIGHTS, ROLE_RIGHTS
from models import Membership, Site, SiteContract
from models.core.codes import ADMIN_ROLES
from models.sites.readers import CardReader
from tests import factories as f

ROLES = [code for code, _label in ADMIN_ROLES]
GATED = ("company.", "prime.")


def _gated_rules(app):
    return [r for r in app.url_map.iter_rules() if r.endpoint.startswith(GATED)]


def _url(rule):
    """The rule with every id argument set to a number no row has: the table answers before any lookup."""
    return rule.build({arg: 987654 for arg in rule.arguments}, append_unknown=False)[1]


def test_every_role_in_the_code_table_has_rights_and_nothing_else_does():
    assert set(ROLE_RIGHTS) == set(ROLES)


def test_every_company_and_prime_route_is_in_the_role_table(app):
    missing = sorted({r.endpoint for r in _gated_rules(app)} - set(ENDPOINT_RIGHTS))
    assert not missing, f"add these endpoints to ENDPOINT_RIGHTS in blueprints/shared/permissions.py: {missing}"
    stale = sorted(set(ENDPOINT_RIGHTS) - {r.endpoint for r in _gated_rules(app)})
    assert not stale, f"no such routes: {stale}"


def _member(role):
    company, owner = f.company()
    if role == "system_admin":
        return owner
    account = f.account()
    Membership.create(account=account, company=company, role=role)
    return account


@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_exactly_the_routes_the_table_gives_it(app, role):
    client = app.test_client()
    f.login(client, _member(role))
    wrong = []
    for rule in _gated_rules(app):
        allowed = ENDPOINT_RIGHTS[rule.endpoint] in ROLE_RIGHTS[role]
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            status = client.open(_url(rule), method=method).status_code
            if (status == 403) == allowed:
                wrong.append(f"{method} {rule.rule}: {status}")
    assert not wrong, f"{role}: {wrong}"


def test_a_proxy_clerk_cannot_open_sites_invite_subcontractors_or_add_readers(app):
    """The attack of 4102dd1: a 代行申請担当者 ran the prime screens."""
    prime, _owner = f.company()
    sub, _sub_owner = f.company()
    site = Site.open(prime, name="既存現場")
    clerk = f.account()
    Membership.create(account=clerk, company=prime, role="proxy_clerk")
    client = app.test_client()
    f.login(client, clerk)
    assert client.get("/prime/sites").status_code == 403
    form = {"name": "新現場", "address": "東京都", "starts_on": "2026-12-01", "ends_on": "2027-03-31"}
    assert client.post("/prime/sites", data=form).status_code == 403
    invite = {"business_id": sub.business_id}
    assert client.post(f"/prime/sites/{site.id}/subcontractors", data=invite).status_code == 403
    assert client.post(f"/prime/sites/{site.id}/readers", data={"name": "入口"}).status_code == 403
    assert Site.select().count() == 1 and SiteContract.select().count() == 0 and CardReader.select().count() == 0
    page = client.get("/company/")
    assert page.status_code == 200 and "/prime/sites" not in page.text
