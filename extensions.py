"""Unbound extensions; blueprints, tasks and models import from here, never from app.py."""

from flask_babel import Babel
from flask_htmx import HTMX
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_wtf import CSRFProtect
from huey import Huey
from huey.storage import BaseStorage, RedisStorage, SqliteStorage
from peewee import DatabaseProxy
from prometheus_client import Counter

from config import INSTANCE

db = DatabaseProxy()
login_manager = LoginManager()
csrf = CSRFProtect()
htmx = HTMX()
babel = Babel()
# Storage comes from the app's RATELIMIT_STORAGE_URI at init_app (Redis when REDIS_URL is set, memory otherwise).
limiter = Limiter(key_func=get_remote_address)


class _Huey(Huey):
    """A huey whose tasks register at import and whose storage the app config sets (init_app): RedisStorage
    when REDIS_URL is set, else a SqliteHuey file in instance/. Before that, every queue operation fails."""

    def init_app(self, app):
        if app.config["REDIS_URL"]:
            self.storage_class, self.storage_kwargs = RedisStorage, {"url": app.config["REDIS_URL"]}
        else:
            INSTANCE.mkdir(parents=True, exist_ok=True)
            self.storage_class, self.storage_kwargs = SqliteStorage, {"filename": str(INSTANCE / "huey.db")}
        if not self.immediate:  # immediate mode (tests) keeps its memory storage until switched off
            self.storage = self.create_storage()


huey = _Huey("careerup", storage_class=BaseStorage)

# Counted where it happens and served on /metrics (factory/platform.py); per-process values are summed
# across gunicorn workers and consumers that share PROMETHEUS_MULTIPROC_DIR.
touches_ingested = Counter("careerup_touches_ingested", "Card touches received by the API, by result", ["result"])
