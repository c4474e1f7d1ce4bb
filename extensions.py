"""Unbound extensions; blueprints, tasks and models import from here, never from app.py."""

import os

from flask_babel import Babel
from flask_htmx import HTMX
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_wtf import CSRFProtect
from huey import RedisHuey, SqliteHuey
from peewee import DatabaseProxy
from prometheus_client import Counter

from config import INSTANCE

db = DatabaseProxy()
login_manager = LoginManager()
csrf = CSRFProtect()
htmx = HTMX()
babel = Babel()
# Storage comes from RATELIMIT_STORAGE_URI (Redis when REDIS_URL is set, memory otherwise).
limiter = Limiter(key_func=get_remote_address)


def _make_huey():
    """RedisHuey when REDIS_URL is set, else a SqliteHuey file in instance/ (nothing to start)."""
    if os.environ.get("REDIS_URL"):
        return RedisHuey("careerup", url=os.environ["REDIS_URL"])
    INSTANCE.mkdir(parents=True, exist_ok=True)
    return SqliteHuey("careerup", filename=str(INSTANCE / "huey.db"))


huey = _make_huey()

# Counted where it happens and served on /metrics (factory/platform.py); per-process values are summed
# across gunicorn workers and consumers that share PROMETHEUS_MULTIPROC_DIR.
touches_ingested = Counter("careerup_touches_ingested", "Card touches received by the API, by result", ["result"])
