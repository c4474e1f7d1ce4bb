"""Tenant isolation: every route with an id in it, taken from the URL map, refuses outsiders.

New routes are picked up automatically; a new kind of URL argument must be given a victim's
value in VICTIM_ARGS (or an exemption with its reason), or this test fails and says so."""
import pytest

from models import Application, Site, SiteContract, Worker
from models.sites import RosterEntry
from tests import factories as f

# Arguments that carry no tenant data, with the reason.
EXEMPT_ARGS = {
    "filename": "static files",
    "code": "language switch",
    "token": "signed mail tokens; a guessed token is simply invalid",
}


@pytest.fixture
def world(app):
    victim = f.site_with_worker()
    victim_application = Application.of_applicant(victim["account"]).first()
    outsider_company, outsider_admin = f.company(name="無関係建設株式会社")
    outsider_worker_account, _own_company, _w = f.one_person(family="佐藤", given="次郎")
    return {
        "victim": victim,
        "args": {
            "app_id": victim_application.id,
            "site_pk": victim["site"].id,
            "contract_id": victim["contract"].id,
            "entry_id": RosterEntry.get(RosterEntry.site == victim["site"]).id,
        },
        "outsiders": {"company admin": outsider_admin, "worker": outsider_worker_account},
    }


def routes_with_ids(app):
    for rule in app.url_map.iter_rules():
        args = set(rule.arguments)
        if not args or args <= set(EXEMPT_ARGS):
            continue
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            yield rule, method


def test_every_route_with_an_id_is_covered(app):
    known = {"app_id", "site_pk", "contract_id", "entry_id"} | set(EXEMPT_ARGS)
    missing = {(rule.rule, a) for rule, _ in routes_with_ids(app) for a in rule.arguments if a not in known}
    assert not missing, f"give these URL arguments a victim's value in tests/test_isolation.py: {missing}"
    assert len(list(routes_with_ids(app))) >= 10


@pytest.mark.parametrize("who", ["company admin", "worker"])
def test_outsiders_get_403_or_404_on_every_route_with_an_id(app, world, who):
    client = app.test_client()
    f.login(client, world["outsiders"][who])
    if who == "company admin":
        client.post("/switch", data={"target": "company:%d" % world["outsiders"][who].memberships().get().company_id})
    victim_names = [world["victim"]["site"].name, world["victim"]["worker"].full_name]
    checked = []
    for rule, method in routes_with_ids(app):
        values = {a: world["args"].get(a, "x") for a in rule.arguments}
        url = rule.build(values)[1]
        r = client.open(url, method=method, data={"business_id": "x", "name": "x", "worker": "1"})
        assert r.status_code in (403, 404), f"{who} {method} {url} answered {r.status_code}"
        assert not any(n in r.get_data(as_text=True) for n in victim_names), f"{method} {url} leaked data"
        checked.append(url)
    assert checked
    # Nothing was changed by the attempts.
    assert SiteContract.get_by_id(world["args"]["contract_id"]).status == "accepted"
    assert RosterEntry.select().where(RosterEntry.id == world["args"]["entry_id"]).exists()
    assert Application.get_by_id(world["args"]["app_id"]).status == "approved"


def test_prime_sees_only_its_own_sites(client, world):
    other_prime, other_admin = f.company()
    f.login(client, other_admin)
    assert world["victim"]["site"].name not in client.get("/prime/sites").text
    assert Site.select().count() == 1


def test_worker_role_is_refused_without_an_approved_worker(client):
    _company, admin = f.company()
    f.login(client, admin)
    assert client.get("/worker/").status_code == 403
    assert client.get("/reviewer/").status_code == 403


def test_company_pages_need_an_approved_company(client):
    account = f.account()
    f.login(client, account)
    assert client.get("/company/").status_code == 403
    assert client.get("/prime/sites").status_code == 403
    assert Worker.select().count() == 0
