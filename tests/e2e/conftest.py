"""Browser fixtures: a live server on the test app and Debian's Chromium driven by Playwright.

Plain ``sync_playwright`` in a module-scoped fixture, not pytest-playwright's ``page``/``browser``
fixtures: those keep one Playwright (and its asyncio loop, which the sync API leaves marked as
*running* in the main thread between calls) alive for the rest of the session, so any later,
non-browser test calling ``asyncio.run()`` would break. Here the loop lives only while this folder's
tests run. Do not mix these fixtures with pytest-playwright's in the same session: two sync
Playwrights cannot be started in one thread at once. pytest-playwright's ``--headed`` and
``--slowmo`` options are honoured.
"""

import os
import threading
from pathlib import Path

import pytest
from werkzeug.serving import WSGIRequestHandler, make_server

CHROMIUM = os.environ.get("CAREERUP_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
MISSING_CHROMIUM = (
    f"E2E BROWSER TESTS SKIPPED: no Chromium at {CHROMIUM}. "
    "Run `apt-get install -y chromium` (or `make test`, which runs scripts/system-packages.sh)."
)
SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"

VIEWPORTS = {
    "phone": {
        "viewport": {"width": 390, "height": 844},
        "is_mobile": True,
        "has_touch": True,
        "device_scale_factor": 1,
    },
    "desktop": {"viewport": {"width": 1280, "height": 800}},
}

_skipped_for_chromium = []
_REPORTS = pytest.StashKey[dict]()


class _QuietHandler(WSGIRequestHandler):
    """Request lines are noise in a passing run; errors (tracebacks) are still logged."""

    def log_request(self, *args, **kwargs):
        pass


@pytest.fixture(scope="session")
def live_server(_app):
    """The session's test app served over HTTP on a free port; yields its base URL.

    Each request runs in its own server thread with its own app context and its own peewee
    connection (opened in before_request, closed at teardown). Tables are still emptied per test
    by the ``app`` fixture, which e2e tests must request too.
    """
    server = make_server("127.0.0.1", 0, _app, threaded=True, request_handler=_QuietHandler)
    thread = threading.Thread(target=server.serve_forever, name="e2e-live-server", daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


class Chromium:
    """The running Playwright (for its APIRequestContext) and one Chromium for the module."""

    def __init__(self, playwright, browser):
        self.playwright = playwright
        self.browser = browser


@pytest.fixture(scope="module")
def chromium(pytestconfig):
    if not os.access(CHROMIUM, os.X_OK):
        _skipped_for_chromium.append(CHROMIUM)
        pytest.skip(MISSING_CHROMIUM)
    from playwright.sync_api import sync_playwright

    headed = bool(pytestconfig.getoption("--headed", default=False))
    args = [a for a in CHROMIUM_ARGS if not (headed and a == "--headless")]
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=CHROMIUM,
            args=args,
            headless=not headed,
            slow_mo=pytestconfig.getoption("--slowmo", default=0) or 0,
        )
        try:
            yield Chromium(pw, browser)
        finally:
            browser.close()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    item.stash.setdefault(_REPORTS, {})[report.when] = report
    return report


def _failed(item):
    return any(r.failed for r in item.stash.get(_REPORTS, {}).values())


class BrowserUI:
    """One test's browser side: a context per person, numbered screenshots, layout checks."""

    def __init__(self, chromium, base_url, viewport, prefix=None):
        self.chromium, self.base_url, self.viewport = chromium, base_url, viewport
        self.prefix = prefix or viewport  # screenshot file names: <prefix>-<nn>-<name>.png
        self.pages = {}
        self.csp_violations = []  # console errors of the Content-Security-Policy: a blocked script/style
        self._api = None
        self._step = 0
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        for old in SCREENSHOTS.glob(f"{self.prefix}-*.png"):
            old.unlink()

    def page_for(self, who):
        """A page in a browser context of its own (own cookies), one per person."""
        if who not in self.pages:
            context = self.chromium.browser.new_context(
                base_url=self.base_url, locale="ja-JP", timezone_id="Asia/Tokyo", **VIEWPORTS[self.viewport]
            )
            context.set_default_timeout(10_000)
            page = context.new_page()
            page.on("console", self._watch_csp)
            self.pages[who] = page
        return self.pages[who]

    def _watch_csp(self, message):
        if message.type == "error" and "Content Security Policy" in message.text:
            self.csp_violations.append(
                f"{message.location.get('url')}:{message.location.get('lineNumber')}: {message.text[:160]}"
            )

    @property
    def api(self):
        """Playwright's APIRequestContext on the live server, without any browser cookies."""
        if self._api is None:
            self._api = self.chromium.playwright.request.new_context(base_url=self.base_url)
        return self._api

    def shot(self, page, name):
        """Screenshot as screenshots/<prefix>-<nn>-<name>.png, then check nothing scrolls sideways."""
        self._step += 1
        path = SCREENSHOTS / f"{self.prefix}-{self._step:02d}-{name}.png"
        page.screenshot(path=str(path), full_page=True)
        overflow = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{path.name}: page scrolls sideways by {overflow}px at {self.viewport} width"
        none_attrs = page.locator('[placeholder="None"], [autocomplete="None"], [inputmode="None"]')
        assert none_attrs.count() == 0, f"{path.name}: form fields rendered with the text 'None' as an attribute"
        assert not self.csp_violations, f"{path.name}: blocked by the Content-Security-Policy: {self.csp_violations}"
        return path

    def close(self, failed):
        for who, page in self.pages.items():
            if failed and not page.is_closed():
                try:
                    page.screenshot(path=str(SCREENSHOTS / f"{self.prefix}-FAILED-{who}.png"), full_page=True)
                except Exception:
                    pass
            page.context.close()
        if self._api is not None:
            self._api.dispose()


@pytest.fixture
def screenshot_prefix(viewport):
    """How a test's screenshots are named; a module overrides it so its files do not replace another
    module's (each ``ui`` first deletes the older files with its prefix)."""
    return viewport


@pytest.fixture
def ui(request, chromium, live_server, app, viewport, screenshot_prefix):
    """Browser contexts for a test parametrized with ``viewport`` ("phone" or "desktop")."""
    browser_ui = BrowserUI(chromium, live_server, viewport, prefix=screenshot_prefix)
    yield browser_ui
    browser_ui.close(_failed(request.node))
    assert not browser_ui.csp_violations, f"blocked by the Content-Security-Policy: {browser_ui.csp_violations}"


def pytest_terminal_summary(terminalreporter):
    if _skipped_for_chromium:
        terminalreporter.section("e2e", sep="!", red=True, bold=True)
        terminalreporter.write_line(MISSING_CHROMIUM, red=True, bold=True)
