"""Wiring used by the app factory: database lifecycle, locale, login, blueprints, errors, CLI."""

from flask import g, has_request_context, jsonify, render_template, request, session
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf.csrf import CSRFError
from peewee import SqliteDatabase
from playhouse.db_url import connect

from extensions import db


def make_database(url):
    if url.startswith("sqlite:///"):
        return SqliteDatabase(
            url[len("sqlite:///") :], pragmas={"journal_mode": "wal", "foreign_keys": 1, "busy_timeout": 5000}
        )
    return connect(url)


def init_database(app):
    db.initialize(make_database(app.config["DATABASE_URL"]))

    @app.before_request
    def _open():
        # Close at teardown only what this request opened (tests and tasks may hold one already).
        g.db_opened = db.connect(reuse_if_open=True)

    @app.teardown_request
    def _close(exc):
        if g.get("db_opened") and not db.is_closed():
            db.close()


def select_locale():
    if not has_request_context():
        return "ja"
    lang = session.get("lang")
    return lang if lang in ("ja", "en") else "ja"


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
    from blueprints.worker import bp as worker_bp
    from extensions import csrf

    for bp in (public_bp, auth_bp, apply_bp, worker_bp, company_bp, prime_bp, reviewer_bp, api_bp):
        app.register_blueprint(bp)
    csrf.exempt(api_bp)
    app.before_request(session_guard.check)

    @app.after_request
    def _vary(response):
        # Pages may answer a whole page or an htmx fragment for the same URL.
        if response.mimetype == "text/html":
            response.vary.add("HX-Request")
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("X-Frame-Options", "DENY")
        return response


def _wants_json():
    return request.path.startswith("/api/")


def register_errors(app):
    messages = {
        400: lambda: _("リクエストの内容が正しくありません。"),
        403: lambda: _("このページを見る権限がありません。"),
        404: lambda: _("ページが見つかりません。"),
        405: lambda: _("この操作はできません。"),
        413: lambda: _("ファイルが大きすぎます（上限 10MB）。"),
        500: lambda: _(
            "システムエラーが発生しました。入力済みの内容は保存されています。時間をおいて再度お試しください。"
        ),
    }

    def handler(code):
        def handle(error):
            if _wants_json():
                return jsonify({"error": {"code": code, "message": messages[code]()}}), code
            return render_template("errors/error.html", code=code, message=messages[code]()), code

        return handle

    for code in messages:
        app.register_error_handler(code, handler(code))

    @app.errorhandler(CSRFError)
    def _csrf(error):
        msg = _("画面の有効期限が切れました。もう一度お試しください。")
        return render_template("errors/error.html", code=400, message=msg), 400


def register_template_helpers(app):
    from blueprints.shared.roles import active_key, identities
    from models import codes
    from models.cards import LEVEL_COLOUR_LABELS

    @app.context_processor
    def _helpers():
        role_label = None
        if has_request_context() and current_user.is_authenticated:
            role_label = dict(identities(current_user)).get(active_key())
        return {
            "codes": codes,
            "label": codes.label,
            "LEVEL_COLOUR_LABELS": LEVEL_COLOUR_LABELS,
            "current_lang": select_locale(),
            "role_label": role_label,
        }

    app.add_template_filter(codes.list_join, "list_join")


def register_cli(app):
    from factory import cli

    app.cli.add_command(cli.db_group)
    app.cli.add_command(cli.demo_data)
