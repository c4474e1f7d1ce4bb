"""`flask backup` / `flask restore`: a populated database backed up (SQLite while the app holds it open),
restored elsewhere, every table's rows the same."""

import os
import socket
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from factory.backup import backup, libpq_url, restore
from tests import factories

ROOT = Path(__file__).resolve().parent.parent


def sqlite_rows(path):
    conn = sqlite3.connect(path)
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        return {t: sorted(map(repr, conn.execute(f'SELECT * FROM "{t}"'))) for t in tables}
    finally:
        conn.close()


def pg_rows(url):
    import psycopg2

    conn = psycopg2.connect(libpq_url(url))
    try:
        with conn.cursor() as cur:
            cur.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")
            tables = [r[0] for r in cur.fetchall()]
            rows = {}
            for t in tables:
                cur.execute(f'SELECT * FROM "{t}"')
                rows[t] = sorted(repr(tuple(bytes(v) if isinstance(v, memoryview) else v for v in r)) for r in cur)
            return rows
    finally:
        conn.close()


def test_a_sqlite_backup_taken_while_the_app_runs_restores_every_row(app, client, tmp_path):
    if not app.config["DATABASE_URL"].startswith("sqlite"):
        pytest.skip("the suite runs on PostgreSQL; see the PostgreSQL test")
    factories.site_with_worker()
    factories.login(client, factories.reviewer())  # a session open, the app holding its connection
    assert client.get("/reviewer/").status_code == 200
    result = app.test_cli_runner().invoke(args=["backup", str(tmp_path / "careerup.backup")])
    assert result.exit_code == 0, result.output
    assert "backup written" in result.output
    restored = tmp_path / "elsewhere" / "restored.db"
    restore(f"sqlite:///{restored}", tmp_path / "careerup.backup")
    source, copy = sqlite_rows(app.config["DATABASE_URL"][len("sqlite:///") :]), sqlite_rows(restored)
    assert copy == source
    assert len(copy["worker"]) >= 1 and len(copy["site"]) >= 1 and len(copy["migratehistory"]) > 10


def test_restore_refuses_what_is_not_a_backup(tmp_path):
    from factory.backup import BackupError

    junk = tmp_path / "junk.backup"
    junk.write_bytes(b"not a database at all" * 100)
    with pytest.raises(BackupError, match="not"):
        restore(f"sqlite:///{tmp_path / 'x.db'}", junk)
    assert not (tmp_path / "x.db").exists() or sqlite_rows(tmp_path / "x.db") == {}


def _postgres_up():
    try:
        socket.create_connection(("127.0.0.1", 5432), timeout=1).close()
        return True
    except OSError:
        return False


def _fresh_pg_database(name):
    import psycopg2

    conn = psycopg2.connect("postgresql://postgres@127.0.0.1:5432/postgres")
    conn.autocommit = True
    with conn.cursor() as cur:
        cur.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cur.execute(f'CREATE DATABASE "{name}"')
    conn.close()
    return f"postgres://postgres@127.0.0.1:5432/{name}"


def _flask(url, tmp_path, *args):
    env = {**os.environ, "DATABASE_URL": url, "CAREERUP_INSTANCE": str(tmp_path / "instance")}
    env.pop("REDIS_URL", None)
    done = subprocess.run(
        [sys.executable, "-m", "flask", "--app", "app", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


@pytest.mark.skipif(not _postgres_up(), reason="PostgreSQL is not running on 127.0.0.1:5432")
def test_a_postgresql_backup_restores_every_row_in_another_database(tmp_path):
    base = os.environ.get("TEST_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/careerup").rsplit("/", 1)[1]
    source = _fresh_pg_database(f"{base}_backup_src")
    target = _fresh_pg_database(f"{base}_backup_dst")
    _flask(source, tmp_path, "db", "upgrade")
    _flask(source, tmp_path, "demo-data")
    out = _flask(source, tmp_path, "backup", str(tmp_path / "pg.backup"))
    assert "backup written" in out
    restore(target + "?max_connections=4", tmp_path / "pg.backup")  # a pooled URL form works too
    copy = pg_rows(target)
    assert copy == pg_rows(source)
    assert len(copy["worker"]) >= 1 and len(copy["account"]) >= 4
    backup(source, tmp_path / "again.backup")  # and the function the command uses, on the same engine
    assert (tmp_path / "again.backup").stat().st_size > 1000
