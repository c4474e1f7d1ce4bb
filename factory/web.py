"""Wiring used by the app factory: database lifecycle, locale, login, blueprints, errors, CLI."""

import atexit
import gc
from urllib.parse import parse_qs, urlsplit

from babel import Locale
from flask import current_app, g, has_request_context, jsonify, redirect, render_template, request, session
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_talisman import Talisman
from flask_wtf.csrf import CSRFError
from playhouse.db_url import connect
from playhouse.pool import PooledSqliteDatabase
from werkzeug.exceptions import HTTPException, SecurityError
from werkzeug.routing import RequestRedirect

from extensions import db
from factory.oversize import back_to_form

# Connections kept per process: a request takes one from the pool and gives it back, so no request pays
# for a connect (a new PostgreSQL backend), the PRAGMAs, or SQLite's WAL checkpoint on the last close.
POOL = {"max_connections": 16, "stale_timeout": 300}
SQLITE_PRAGMAS = {"journal_mode": "wal", "foreign_keys": 1, "busy_timeout": 5000}


def make_database(url):
    """The database of DATABASE_URL, pooled: `sqlite:///path`, `postgres://…` or `postgresql://…` (pooled here),
    or any playhouse URL such as `postgresql+pool://…?max_connections=4` (its own pool settings win)."""
    if url.startswith("sqlite:///"):
        # A pooled connection may be handed to another thread later (one thread at a time).
        return PooledSqliteDatabase(url[len("sqlite:///") :], pragmas=SQLITE_PRAGMAS, check_same_thread=False, **POOL)
    scheme, sep, rest = url.partition("://")
    if scheme in ("postgres", "postgresql"):
        url = f"postgresql+pool://{rest}"
    query = parse_qs(urlsplit(url).query)
    return connect(url, **{k: v for k, v in POOL.items() if k not in query}) if "+pool" in url else connect(url)


def init_database(app):
    database = make_database(app.config["DATABASE_URL"])
    db.initialize(database)
    # The pool keeps connections open; closing them all as the process ends lets SQLite fold its WAL into
    # the database file (a copied or backed-up file is then whole) and PostgreSQL end its backends cleanly.
    atexit.register(_close_pool, database)

    @app.before_request
    def _open():
        # Close at teardown only what this request opened (tests and tasks may hold one already).
        g.db_opened = db.connect(reuse_if_open=True)

    @app.teardown_request
    def _close(exc):
        if g.get("db_opened") and not db.is_closed():
            db.close()


def _close_pool(database):
    database.close_all()  # connections of other threads: their sqlite3/psycopg2 objects close them


def refuse_demo_data(app):
    """Production never runs on a database with the demo logins, whose password the README publishes."""
    from config import UnsafeSettings
    from factory import demo

    if app.config["ENV_NAME"] != "production":
        return
    opened = db.connect(reuse_if_open=True)
    try:
        found = demo.present()
    finally:
        if opened:
            db.close()  # a gunicorn master never hands an open connection to its workers
    if found:
        raise UnsafeSettings(
            [
                f"the database at DATABASE_URL holds demo data ({', '.join(found)}): "
                "point DATABASE_URL at a database without it and run `flask --app app db upgrade`"
            ]
        )


def select_locale():
    if not has_request_context():
        return "ja"
    lang = session.get("lang")
    return lang if lang in current_app.config["LANGUAGES"] else "ja"


def freeze_startup_heap():
    """Leaves what start-up built (modules, routes, code tables) out of the collector's full passes,
    which otherwise walk all of it in the middle of some request: the p95 of bench/roster.py."""
    gc.collect()
    gc.freeze()


def init_login(login_manager):
    from models import Account

    login_manager.login_view = "auth.login_form"
    login_manager.login_message = None

    @login_manager.user_loader
    def _load(account_id):
        return Account.get_or_none(Account.id == int(account_id))


def register_blueprints(app):
    from blueprints.api import bp as api_bp
    from blueprints.apply import bp as apply_bp
    from blueprints.auth import bp as auth_bp
    from blueprints.company import bp as company_bp
    from blueprints.prime import bp as prime_bp
    from blueprints.public import bp as public_bp
    from blueprints.reviewer import bp as reviewer_bp
    from blueprints.shared import session_guard
    from blueprints.staff import bp as staff_bp
    from blueprints.worker import bp as worker_bp
    from extensions import csrf
    from models.core.numbers import IdConverter

    app.url_map.converters["int"] = IdConverter  # before any rule is added: every <int:…> is an id
    for bp in (public_bp, auth_bp, apply_bp, worker_bp, company_bp, prime_bp, reviewer_bp, staff_bp, api_bp):
        app.register_blueprint(bp)
    csrf.exempt(api_bp)
    app.before_request(session_guard.check)


# Self only: no inline script or style anywhere (htmx's indicator style is off, see base.html).
CSP = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self'",
    "font-src": "'self'",
    "object-src": "'self'",  # the reviewer's PDF preview is an <object> of our own URL
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}


class _Talisman(Talisman):
    """flask-talisman, except that a response with its own policy keeps it (a stored attachment is
    sent with a stricter CSP and may be framed by our own review page)."""

    OWN = ("Content-Security-Policy", "X-Frame-Options")

    def _set_response_headers(self, response):
        own = {name: response.headers[name] for name in self.OWN if name in response.headers}
        response = super()._set_response_headers(response)
        response.headers.update(own)
        return response


def init_security(app):
    """Headers (flask-talisman), the proxy in front, rate limits, no caching of personal pages."""
    from werkzeug.middleware.proxy_fix import ProxyFix

    from extensions import limiter

    production = app.config["ENV_NAME"] == "production"
    if app.config["PROXY_HOPS"]:  # the real client address and scheme (per-IP limits, HSTS)
        hops = app.config["PROXY_HOPS"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=0)
    _Talisman(
        app,
        force_https=production,
        strict_transport_security=True,  # sent only over HTTPS, so never on the embedded http:// app
        session_cookie_secure=production,
        content_security_policy=CSP,
        frame_options="DENY",
        referrer_policy="strict-origin-when-cross-origin",
    )
    limiter.init_app(app)

    @app.after_request
    def _no_store(response):
        # Pages for a signed-in person (and answers to forms) carry personal data: never cache them.
        personal = current_user.is_authenticated or request.method != "GET"
        if request.endpoint != "static" and personal and "no-store" not in response.headers.get("Cache-Control", ""):
            response.headers["Cache-Control"] = "no-store"
        return response


def _wants_json():
    return request.path.startswith("/api/")


def _page_above(path):
    adapter = current_app.url_map.bind("localhost")
    parts = path.rstrip("/").split("/")
    while len(parts) > 1:
        parts.pop()
        candidate = "/".join(parts) or "/"
        try:
            adapter.match(candidate, method="GET")
        except RequestRedirect:
            return candidate  # the same page with its trailing slash
        except HTTPException:
            continue
        return candidate
    return "/"


def register_errors(app):
    messages = {
        400: _l("リクエストの内容が正しくありません。"),
        403: _l("このページを見る権限がありません。"),
        404: _l("ページが見つかりません。"),
        405: _l("この操作はできません。"),
        413: _l("送信した内容が大きすぎます。ファイルを小さくしてから、前の画面に戻ってもう一度お試しください。"),
        429: _l("短い時間に操作が続いたため、しばらく受け付けを止めています。時間をおいて再度お試しください。"),
        500: _l("システムエラーが発生しました。入力済みの内容は保存されています。時間をおいて再度お試しください。"),
    }

    def handler(code):
        def handle(error):
            if getattr(error, "response", None) is not None:  # the view prepared its own answer (a form page)
                return error.response
            if code == 413 and not _wants_json():
                answer = back_to_form()
                if answer is not None:
                    return answer
            if code == 405 and request.method in ("GET", "HEAD") and not _wants_json():
                # A POST-only URL reached by a GET (reload, language switch after a form answered there):
                # the page the form is on, the nearest one above that answers a GET.
                return redirect(_page_above(request.path), 303)
            if _wants_json():
                return jsonify({"error": {"code": code, "message": str(messages[code])}}), code
            return render_template("errors/error.html", code=code, message=str(messages[code])), code

        return handle

    for code in messages:
        app.register_error_handler(code, handler(code))

    @app.errorhandler(SecurityError)
    def _untrusted_host(error):
        # A Host header the app does not serve (TRUSTED_HOSTS): no page, since no URL can be built for it.
        return "400 Bad Request: this host is not served here.\n", 400, {"Content-Type": "text/plain; charset=utf-8"}

    @app.errorhandler(CSRFError)
    def _csrf(error):
        msg = _("画面の有効期限が切れました。もう一度お試しください。")
        return render_template("errors/error.html", code=400, message=msg), 400


def register_template_helpers(app):
    from blueprints.shared.permissions import may
    from blueprints.shared.roles import active_label
    from models.cards.cards import LEVEL_COLOUR_LABELS
    from models.core import codes, trades

    def role_label():
        """The active role's name for the header, looked up only by pages that show it (not fragments)."""
        if has_request_context() and current_user.is_authenticated:
            return active_label(current_user)
        return None

    # Each language named in itself, for the switch in the header.
    names = {code: Locale.parse(code).get_display_name(code) for code in app.config["LANGUAGES"]}

    @app.context_processor
    def _helpers():
        current = select_locale()
        return {
            "codes": codes,
            "label": codes.label,
            "trades": trades,  # printed forms: trade names without the marker, one footnote
            "LEVEL_COLOUR_LABELS": LEVEL_COLOUR_LABELS,
            "current_lang": current,
            "other_languages": [(code, name) for code, name in names.items() if code != current],
            "role_label": role_label,
            "may": may,  # the role table: show only what the active admin ID may use
        }

    app.add_template_filter(codes.list_join, "list_join")


def register_cli(app):
    from factory import cli

    app.cli.add_command(cli.db_group)
    app.cli.add_command(cli.demo_data)
    app.cli.add_command(cli.staff_group)
    app.cli.add_command(cli.trades_group)
    app.cli.add_command(cli.backup_command)
    app.cli.add_command(cli.restore_command)
    app.cli.add_command(cli.keys_group)
    app.cli.add_command(cli.erase_person_command)
