"""Fixtures: one app per session on a temp SQLite file (or TEST_DATABASE_URL), tables emptied per test."""

import os
import shutil
import tempfile
from email import policy
from email.parser import BytesParser
from pathlib import Path

import pytest
from peewee import PostgresqlDatabase

TMP = Path(tempfile.mkdtemp(prefix="careerup-test-"))
os.environ.setdefault("CAREERUP_INSTANCE", str(TMP / "instance"))
# Under pytest-xdist each worker (gw0, gw1, …) gets its own PostgreSQL database and Redis database.
WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")


def _worker_database(url):
    """TEST_DATABASE_URL's database for a single process, `<name>_gwN` (created when missing) per worker."""
    if not url or not WORKER:
        return url
    import psycopg2

    base, name = url.rsplit("/", 1)
    conn = psycopg2.connect(url)
    conn.autocommit = True
    with conn.cursor() as cur:
        cur.execute("SELECT 1 FROM pg_database WHERE datname = %s", (f"{name}_{WORKER}",))
        if not cur.fetchone():
            cur.execute(f'CREATE DATABASE "{name}_{WORKER}"')
    conn.close()
    return f"{base}/{name}_{WORKER}"


if WORKER and os.environ.get("REDIS_URL"):
    redis_base, redis_db = os.environ["REDIS_URL"].rsplit("/", 1)
    os.environ["REDIS_URL"] = f"{redis_base}/{int(redis_db) - int(WORKER.removeprefix('gw'))}"

from app import create_app
from config import TestConfig
from extensions import db, huey, limiter
from factory.cli import router
from models import ALL_MODELS


class Config(TestConfig):
    DATABASE_URL = _worker_database(os.environ.get("TEST_DATABASE_URL")) or f"sqlite:///{TMP / 'test.db'}"
    OUTBOX_DIR = str(TMP / "outbox")


@pytest.fixture(scope="session")
def _app():
    app = create_app(Config)
    with app.app_context():
        if not Config.DATABASE_URL.startswith("sqlite"):
            db.execute_sql("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")
        router().run()
    huey.immediate = True
    yield app
    db.close()
    shutil.rmtree(TMP, ignore_errors=True)


USED_TABLES_SQL = """
    SELECT c.relname FROM pg_sequences s
    JOIN pg_class q ON q.relname = s.sequencename AND q.relkind = 'S'
    JOIN pg_depend d ON d.objid = q.oid AND d.deptype IN ('a', 'i')
    JOIN pg_class c ON c.oid = d.refobjid
    WHERE s.schemaname = 'public' AND s.last_value IS NOT NULL"""
HAS_ROWS_SQL = "SELECT '{0}' WHERE EXISTS (SELECT 1 FROM \"{0}\")"


def empty_tables():
    tables = [m._meta.table_name for m in reversed(ALL_MODELS)]
    if isinstance(db.obj, PostgresqlDatabase):
        # TRUNCATE costs per table, so only the tables a test wrote: rows left, or an identity it advanced.
        written = {row[0] for row in db.execute_sql(USED_TABLES_SQL)}
        written |= {row[0] for row in db.execute_sql(" UNION ALL ".join(HAS_ROWS_SQL.format(t) for t in tables))}
        written &= set(tables)
        if written:
            db.execute_sql("TRUNCATE %s RESTART IDENTITY CASCADE" % ", ".join(f'"{t}"' for t in sorted(written)))
    else:
        for t in tables:
            db.execute_sql(f'DELETE FROM "{t}"')


@pytest.fixture
def app(_app):
    with _app.app_context():
        empty_tables()
    shutil.rmtree(Config.OUTBOX_DIR, ignore_errors=True)
    huey.immediate = True
    with _app.app_context():
        limiter.reset()  # each test starts with no requests counted against the rate limits
    # No app context is held here: each request must get its own (fresh `g`), as in production.
    yield _app
    if not db.is_closed():
        db.close()


# Settings a production start-up accepts (tests change one at a time to see it refused).
PRODUCTION = {
    "ENV_NAME": "production",
    "SECRET_KEY": "k" * 32,
    "DATABASE_URL": "postgresql://careerup@db.example/careerup",
    "BASE_URL": "https://careerup.example.jp",
    "MAIL_FROM": "CareerUp <no-reply@careerup.example.jp>",
    "MAIL_URL": "smtp+starttls://mailer:pw@smtp.example.jp:587",
    "REDIS_URL": "redis://redis.example:6379/0",
    "PAYMENT_PROVIDER": "",
}


@pytest.fixture
def production_settings():
    return dict(PRODUCTION)


@pytest.fixture
def client(app):
    return app.test_client()


class Outbox:
    """The mails the app wrote to instance/outbox/, oldest first."""

    folder = Path(Config.OUTBOX_DIR)

    def messages(self):
        folder = self.folder
        if not folder.exists():
            return []
        return [BytesParser(policy=policy.default).parsebytes(p.read_bytes()) for p in sorted(folder.glob("*.eml"))]

    def last_to(self, address):
        found = [m for m in self.messages() if m["To"] == address]
        assert found, f"no mail to {address}"
        return found[-1]


@pytest.fixture
def outbox(app):
    return Outbox()
