"""CareerUp application factory: gunicorn "app:create_app()"."""

from flask import Flask

from config import INSTANCE, Config, keyring
from extensions import babel, csrf, htmx, huey, login_manager
from factory import observe, platform, web
from factory.clean_request import CleanRequest
from factory.static import init_static
from models.accounts.accounts import configure_hashing
from models.core.sealed import configure_sealing


def create_app(config=None):
    """Build the app; `config` is a Config subclass or a dict of overrides."""
    app = Flask(__name__, instance_path=str(INSTANCE), static_folder="static", template_folder="templates")
    app.request_class = CleanRequest
    if isinstance(config, type):
        app.config.update(config.load())
    else:
        app.config.update(Config.load(config))
    observe.init_request_log(app, platform.observe_request)
    observe.init_error_reporting(app)
    web.init_database(app)
    web.refuse_demo_data(app)
    huey.init_app(app)
    configure_hashing(app.config["PASSWORD_HASH_METHOD"])
    configure_sealing(keyring(app.config, "SEAL_KEYS"))
    web.init_security(app)
    init_static(app)  # inside the /up probe: WhiteNoise serves /static, the probe answers first
    platform.init_platform(app)
    csrf.init_app(app)
    htmx.init_app(app)
    babel.init_app(app, locale_selector=web.select_locale, timezone_selector=lambda: "Asia/Tokyo")
    login_manager.init_app(app)
    web.init_login(login_manager)
    web.register_blueprints(app)
    web.register_errors(app)
    web.register_template_helpers(app)
    web.register_cli(app)
    if not app.testing:  # a test process builds an app per test
        web.freeze_startup_heap()
    return app
