"""Issue 7 item 9: security headers. A self-only Content-Security-Policy on every HTML page (and no
inline script or style in any template, so the pages work under it; tests/e2e fail on a CSP
violation in the browser console), Referrer-Policy, HSTS and Secure cookies in production, and
no caching of pages with personal data."""

import re
from pathlib import Path

from config import Config
from tests import factories as f

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
INLINE = [
    (re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I), "inline <script>"),
    (re.compile(r"<style\b", re.I), "<style> element"),
    (re.compile(r"\sstyle\s*=", re.I), "style attribute"),
    (re.compile(r"\son[a-z]+\s*=", re.I), "event handler attribute"),
    (re.compile(r"\shx-on", re.I), "hx-on (needs eval)"),
    (re.compile(r"javascript:", re.I), "javascript: URL"),
]


def _pages(app):
    """Every GET route without arguments."""
    for rule in app.url_map.iter_rules():
        if "GET" in rule.methods and not rule.arguments and not rule.rule.startswith("/api/"):
            yield rule.rule


def _csp(response):
    return dict(
        part.strip().split(" ", 1) for part in response.headers["Content-Security-Policy"].split(";") if part.strip()
    )


def test_every_html_page_has_a_self_only_content_security_policy(app, client):
    f.login(client, f.one_person()[0])
    checked = 0
    for path in _pages(app):
        r = client.get(path)
        if r.mimetype != "text/html":
            continue
        policy = _csp(r)
        assert policy["default-src"] == "'self'" and policy["script-src"] == "'self'", path
        assert policy["style-src"] == "'self'" and "unsafe" not in r.headers["Content-Security-Policy"], path
        assert r.headers["Referrer-Policy"] == "strict-origin-when-cross-origin", path
        assert r.headers["X-Content-Type-Options"] == "nosniff", path
        checked += 1
    assert checked >= 10


def test_templates_carry_no_inline_script_or_style():
    found = []
    for path in sorted(TEMPLATES.rglob("*.html")):
        if path.relative_to(TEMPLATES).parts[0] == "pdf":  # rendered to PDF on the server, never served as HTML
            continue
        text = path.read_text()
        found += [f"{path.relative_to(TEMPLATES)}: {what}" for pattern, what in INLINE if pattern.search(text)]
    assert not found, found


def test_htmx_is_configured_for_the_policy(client):
    page = client.get("/login").text
    config = re.search(r'<meta name="htmx-config" content=\'([^\']+)\'', page).group(1)
    assert '"includeIndicatorStyles":false' in config and '"allowEval":false' in config
    assert '"attributesToSettle":["class","width","height"]' in config  # never set a style attribute


def test_hsts_over_https_and_secure_cookies_in_production(app, production_settings):
    client = app.test_client()
    r = client.get("/login", base_url="https://localhost")
    assert r.headers["Strict-Transport-Security"].startswith("max-age=31556926")
    assert "Strict-Transport-Security" not in client.get("/login").headers  # the embedded app on http://
    production = Config.load(production_settings)
    assert production["SESSION_COOKIE_SECURE"] is True and production["PROXY_HOPS"] == 1


def test_pages_with_personal_data_are_not_cached(client):
    account, _company, _worker = f.one_person()
    f.login(client, account)
    for path in ("/worker/", "/company/", "/apply/", "/switch"):
        assert client.get(path).headers["Cache-Control"] == "no-store", path
    r = client.post("/inquiry", data={"step": "confirm"})
    assert r.headers["Cache-Control"] == "no-store"
    client.post("/logout")
    assert "no-store" not in client.get("/faq").headers.get("Cache-Control", "")
