"""/api/v1 is gated in its blueprint's before_request, like every other blueprint: every route but the
ones listed as public answers 401 without a token, and a route nobody gave a scope is refused to every
token, so one that forgets is closed."""

from flask import g, request
from werkzeug.routing import Rule

from blueprints.api.messages import PUBLIC, SCOPES, gate
from tests import factories as f


def _api_routes(app):
    return [
        (rule, method)
        for rule in app.url_map.iter_rules()
        if rule.endpoint.startswith("api.")
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"})
    ]


def _url(rule):
    return rule.rule.replace("<", "").replace(">", "")  # /api/v1 takes no path arguments today


def test_every_api_route_but_the_public_ones_answers_401_without_a_token(app, client):
    routes = _api_routes(app)
    assert {rule.endpoint for rule, _m in routes} == set(SCOPES) | PUBLIC  # every route is in one table
    for rule, method in routes:
        r = client.open(_url(rule), method=method, json={"touches": []})
        if rule.endpoint in PUBLIC:
            assert r.status_code == 200, rule
        else:
            assert r.status_code == 401 and r.json["error"]["code"] == "unauthorized", rule
            bad = client.open(_url(rule), method=method, headers={"Authorization": "Bearer cr_not-a-token"})
            assert bad.status_code == 401, rule


def test_a_route_that_forgot_its_scope_is_refused_even_to_a_valid_token(app):
    token = f.site_with_worker()["token"]
    for auth, status in (({}, 401), ({"Authorization": f"Bearer {token}"}, 403)):
        with app.test_request_context("/api/v1/forgotten", headers=auth):
            request.url_rule = Rule("/api/v1/forgotten", endpoint="api.forgotten")
            _body, code = gate()
            assert code == status and "caller" not in g


def test_a_valid_token_reaches_the_view_as_its_caller(app):
    token = f.site_with_worker()["token"]
    with app.test_request_context("/api/v1/touches", method="POST", headers={"Authorization": f"Bearer {token}"}):
        request.url_rule = Rule("/api/v1/touches", endpoint="api.touches")
        assert gate() is None and g.caller.scopes == ("write-touches",)
