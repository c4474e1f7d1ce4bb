"""Tokens the prime makes for card readers and certified systems, records pulled by a stable cursor,
and the OpenAPI document checked by openapi-spec-validator and schemathesis against the live app."""

import datetime as dt
import re
import threading

import pytest
from werkzeug.serving import make_server

import tests.factories as f
from extensions import db
from models import Site
from models.accounts.shown_tokens import ShownToken
from models.core.clock import now_jst
from models.sites.api_tokens import ApiClient


def at(hours_ago):
    return (now_jst().replace(microsecond=0) - dt.timedelta(hours=hours_ago)).isoformat()


def touch(card, event_id, hours_ago, direction="in", **over):
    return {"event_id": event_id, "card": card.idm, "direction": direction, "at": at(hours_ago), **over}


def bearer(token):
    return {"Authorization": f"Bearer {token}"}


def made_token(client, w, name, scopes, sites=None):
    f.login(client, w["prime_admin"])
    data = {"name": name, "sites": [str(s) for s in (sites or [w["site"].id])], "scopes": scopes}
    page = client.post("/prime/tokens", data=data, follow_redirects=True)
    assert page.status_code == 200, page.text
    return re.search(r'data-testid="new-token">([^<]+)<', page.text).group(1)


def test_prime_makes_lists_rotates_and_revokes_a_certified_systems_token(client):
    w = f.site_with_worker()
    other_site = Site.open(w["prime"], name="B現場")
    token = made_token(client, w, "勤怠クラウド", ["write-touches", "read-records"])
    client_row = ApiClient.get()
    assert token not in client_row.token_hash and client_row.token_hint == token[-4:]
    listing = client.get("/prime/tokens").text
    assert token in listing  # still there after a reload, until the maker says it is saved
    shown = ShownToken.get()
    stored = ShownToken.select(ShownToken.token).tuples().get()[0]
    raw = db.execute_sql("SELECT token FROM shown_token").fetchone()[0]
    assert shown.token == token and stored == token and token not in raw  # sealed at rest
    assert client.post(f"/prime/tokens/shown/{shown.id}/dismiss").status_code == 303
    listing = client.get("/prime/tokens").text
    assert "勤怠クラウド" in listing and token not in listing and "正門" in listing
    assert f"/prime/tokens/systems/{client_row.id}/rotate" in listing
    assert f"/prime/tokens/readers/{w['reader'].id}/revoke" in listing
    # The token writes for its site only: another site of the same prime is refused.
    items = [touch(w["card"], "a", 2, site_id=w["site"].site_id), touch(w["card"], "b", 2, site_id=other_site.site_id)]
    r = client.post("/api/v1/touches", json={"touches": items}, headers=bearer(token))
    assert [x["status"] for x in r.json["results"]] == ["created", "rejected"]
    assert r.json["results"][1]["error"]["code"] == "site_mismatch"
    page = client.post(f"/prime/tokens/systems/{client_row.id}/rotate", follow_redirects=True)
    new = re.search(r'data-testid="new-token">([^<]+)<', page.text).group(1)
    assert client.get("/api/v1/records", headers=bearer(token)).status_code == 401
    assert client.get("/api/v1/records", headers=bearer(new)).status_code == 200
    assert client.post(f"/prime/tokens/systems/{client_row.id}/revoke").status_code == 303
    assert client.get("/api/v1/records", headers=bearer(new)).status_code == 401
    assert client.get(f"/prime/tokens/systems/{client_row.id}/revoke").status_code == 302


def test_a_token_without_the_scope_is_refused_and_a_form_error_keeps_the_page(client):
    w = f.site_with_worker()
    token = made_token(client, w, "閲覧のみ", ["read-records"])
    r = client.post("/api/v1/touches", json={"touches": [touch(w["card"], "a", 1)]}, headers=bearer(token))
    assert r.status_code == 403 and r.json["error"]["code"] == "forbidden"
    r = client.post("/prime/tokens", data={"name": "名前だけ", "scopes": ["read-records"]})
    assert r.status_code == 400 and "現場を1つ以上選んでください" in r.text and 'value="名前だけ"' in r.text
    assert client.get("/api/v1/records", headers=bearer(w["token"])).status_code == 403


def test_records_are_pulled_by_a_stable_cursor_and_come_again_when_their_times_change(client):
    w = f.site_with_worker()
    token = made_token(client, w, "勤怠クラウド", ["read-records"])
    reader = bearer(w["token"])
    client.post("/api/v1/touches", json={"touches": [touch(w["card"], "d1", 30)]}, headers=reader)
    first = client.get("/api/v1/records", headers=bearer(token)).json
    assert len(first["records"]) == 1 and first["records"][0]["worker_id"] == w["worker"].worker_id
    assert "山田" not in str(first)
    again = client.get(f"/api/v1/records?since={first['next_cursor']}", headers=bearer(token)).json
    assert again["records"] == [] and again["next_cursor"] == first["next_cursor"]
    # The day's exit arrives: the record comes again, once.
    client.post("/api/v1/touches", json={"touches": [touch(w["card"], "d2", 22, "out")]}, headers=reader)
    changed = client.get(f"/api/v1/records?since={first['next_cursor']}", headers=bearer(token)).json
    assert len(changed["records"]) == 1 and changed["records"][0]["last_out"]
    assert client.get("/api/v1/records?since=nonsense", headers=bearer(token)).status_code == 400


def test_the_openapi_document_is_valid(client):
    from openapi_spec_validator import validate

    doc = client.get("/api/v1/openapi.json").json
    validate(doc)
    assert set(doc["paths"]) == {"/api/v1/touches", "/api/v1/records", "/api/v1/openapi.json"}


@pytest.fixture
def live(app):
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


def test_schemathesis_finds_no_500_and_every_response_matches_the_document(app, live):
    import schemathesis
    from schemathesis.checks import not_a_server_error
    from schemathesis.specs.openapi.checks import (
        content_type_conformance,
        response_schema_conformance,
        status_code_conformance,
    )

    with app.app_context():
        w = f.site_with_worker()
        _client, token = ApiClient.register(w["prime"], "検査", [w["site"].id], ["write-touches", "read-records"])
    schema = schemathesis.openapi.from_url(f"{live}/api/v1/openapi.json")
    checks = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
    for token_used in (token, w["token"], "cs_wrong"):
        for operation in schema.get_all_operations():
            run_cases(operation.ok().as_strategy(), live, bearer(token_used), checks)


def run_cases(strategy, base_url, headers, checks):
    from hypothesis import HealthCheck, given, settings

    @given(strategy)
    @settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    def run(case):
        case.call_and_validate(base_url=base_url, headers=headers, checks=checks)

    run()


def test_a_suspended_or_expired_companys_tokens_are_refused_with_their_own_code(client, app):
    import datetime as dt

    from models.billing.admin_billing import AdminIdBill
    from models.core.clock import today as japan_today
    from tasks.admin_fees import run_admin_fees

    w = f.site_with_worker()
    system = made_token(client, w, "勤怠クラウド", ["write-touches", "read-records"])
    batch = {"touches": [touch(w["card"], "s1", 2)]}
    assert client.post("/api/v1/touches", json=batch, headers=bearer(w["token"])).status_code == 200
    with app.app_context():  # the fee run mails its notices
        run_admin_fees(dt.date(japan_today().year + 1, 4, 1))
        due = AdminIdBill.get(AdminIdBill.company == w["prime"]).invoice.due_on
        run_admin_fees(due + dt.timedelta(days=1))
        run_admin_fees(due + dt.timedelta(days=15))
    for token in (w["token"], system):
        r = client.post("/api/v1/touches", json=batch, headers=bearer(token))
        assert r.status_code == 403 and r.json["error"]["code"] == "company_suspended"
        assert "停止" in r.json["error"]["message"] and "suspended" in r.json["error"]["message_en"]
    assert client.get("/api/v1/records", headers=bearer(system)).json["error"]["code"] == "company_suspended"
    with app.app_context():
        f.pay(AdminIdBill.get(AdminIdBill.company == w["prime"]).invoice)
    assert client.get("/api/v1/records", headers=bearer(system)).status_code == 200
    w["prime"].registration_valid_until = japan_today() - dt.timedelta(days=1)
    w["prime"].save()
    for token in (w["token"], system):
        r = client.get("/api/v1/records", headers=bearer(token))
        assert r.status_code == 403 and r.json["error"]["code"] == "company_expired"
    r = client.post("/api/v1/touches", json=batch, headers=bearer(w["token"]))
    assert r.status_code == 403 and r.json["error"]["code"] == "company_expired"
    codes = client.get("/api/v1/openapi.json").json["components"]["schemas"]["Message"]["properties"]["code"]
    assert {"company_suspended", "company_expired"} <= set(codes["enum"])
