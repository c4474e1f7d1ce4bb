"""Every page a user can reach answers a GET at its URL: after a POST that re-rendered a page (an
incomplete submit, a mistyped 事業者ID, a refused upload), the URL in the address bar is the POST's, and
a reload or a language switch asks for it with a GET. Walks every POST route of the URL map."""

from urllib.parse import quote

from models import Application, Site
from models.accounts.shown_tokens import ShownToken
from tests import factories as f
from tests.sitetree import as_company


def _clients(app):
    data = f.site_with_worker()
    operator = app.test_client()
    f.login(operator, data["account"])
    operator.post("/switch", data={"target": "worker"})
    operator_company = as_company(app, data["account"], data["sub"])
    prime = as_company(app, data["prime_admin"], data["prime"])
    reviewer = app.test_client()
    f.login(reviewer, f.reviewer())
    apps = {a.kind: a.id for a in Application.of_applicant(data["account"])}
    values = {
        "site_pk": data["site"].id,
        "contract_id": data["contract"].id,
        "reader_id": data["reader"].id,
        "app_id": apps["worker"],
        "kind": "qualifications",
        "section": "contact",
    }
    return data, {"operator": operator, "company": operator_company, "prime": prime, "reviewer": reviewer}, values, apps


def _client_for(path, clients):
    if path.startswith(("/prime/",)):
        return clients["prime"]
    if path.startswith("/company/"):
        return clients["company"]
    if path.startswith("/reviewer/"):
        return clients["reviewer"]
    return clients["operator"]


def test_every_post_url_answers_a_get(app):
    _data, clients, values, apps = _clients(app)
    failures = []
    with_get = {r.rule for r in app.url_map.iter_rules() if "GET" in r.methods}
    for rule in app.url_map.iter_rules():
        if "POST" not in rule.methods or rule.rule in with_get or rule.rule.startswith("/api/"):
            continue  # a URL with a GET of its own answers it (its view); the API is not browsed
        args = {name: values.get(name, 1) for name in rule.arguments}
        if rule.rule.startswith("/apply/company/"):
            args["app_id"] = apps["company"]
        if "token" in rule.arguments:
            continue  # mail links: their GET pages are tested with real tokens in test_auth.py
        path = rule.build(args)[1]
        r = _client_for(path, clients).get(path)
        if r.status_code in (404, 405):
            failures.append(f"GET {path}: {r.status_code}")
    assert not failures, "\n".join(failures)


def test_mistyped_business_id_has_a_get_able_error_url(app):
    prime, admin = f.company(name="元請建設株式会社")
    site = Site.open(prime, name="A邸住宅新築工事")
    client = as_company(app, admin, prime)
    r = client.post(f"/prime/sites/{site.id}/subcontractors", data={"business_id": "12345", "scope": "足場"})
    assert r.status_code == 303 and "12345" in r.headers["Location"]
    back = r.headers["Location"].split("#")[0]
    for path in (back, f"/lang/en?next={quote(back)}"):
        r = client.get(path, follow_redirects=True)
        assert r.status_code == 400 and 'value="12345"' in r.text and 'value="足場"' in r.text  # typed, kept
        assert 'aria-invalid="true"' in r.text  # the message beside the field, in either language


def test_card_reader_token_stays_until_dismissed(app):
    data = f.site_with_worker()
    client = as_company(app, data["prime_admin"], data["prime"])
    r = client.post(f"/prime/sites/{data['site'].id}/readers", data={"name": "通用口"})
    assert r.status_code == 303 and r.headers["Location"].endswith(f"/prime/sites/{data['site'].id}")
    shown = ShownToken.get()
    assert shown.token not in r.headers["Location"]  # never in a URL
    for path in (f"/prime/sites/{data['site'].id}", f"/lang/en?next=/prime/sites/{data['site'].id}"):
        page = client.get(path, follow_redirects=True).text
        assert shown.token in page and 'data-copy="token-' in page  # reload, language switch: still there
    from models.sites.api_tokens import authenticate
    from models.sites.readers import CardReader

    reader = CardReader.get(CardReader.name == "通用口")
    assert authenticate(shown.token).owner == f"reader:{reader.id}"  # the hash still authenticates
    r = client.post(f"/prime/tokens/shown/{shown.id}/dismiss", data={"back": "site"})
    assert r.headers["Location"].endswith(f"/prime/sites/{data['site'].id}")
    assert shown.token not in client.get(f"/prime/sites/{data['site'].id}").text
