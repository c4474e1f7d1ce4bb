"""`flask backup PATH` / `flask restore PATH`: SQLite through its online backup API (a consistent copy
while the app keeps writing), PostgreSQL through pg_dump's custom format and pg_restore."""

import shutil
import sqlite3
import subprocess
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

# Options of peewee's database URLs (pool sizes, ...) that libpq's tools do not know.
_PEEWEE_OPTIONS = {"max_connections", "stale_timeout", "timeout", "autorollback", "autoconnect", "thread_safe"}


class BackupError(Exception):
    pass


def sqlite_path(url):
    return url[len("sqlite:///") :] if url.startswith("sqlite:///") else None


def libpq_url(url):
    """postgres://, postgresql://, postgresext://, postgresql+pool://… as the URL pg_dump reads."""
    parts = urlsplit(url)
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query) if k not in _PEEWEE_OPTIONS])
    return urlunsplit(("postgresql", parts.netloc, parts.path, query, ""))


def _tool(name):
    found = shutil.which(name)
    if found is None:
        raise BackupError(f"{name} not found: install postgresql-client (scripts/system-packages.sh does)")
    return found


def _run(args):
    done = subprocess.run(args, capture_output=True, text=True)
    if done.returncode != 0:
        raise BackupError(done.stderr.strip() or f"{args[0]} failed")


def _sqlite_copy(source, target):
    src, dst = sqlite3.connect(source), sqlite3.connect(target)
    try:
        with dst:
            src.backup(dst)
    finally:
        src.close()
        dst.close()


def backup(url, path):
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if (db_file := sqlite_path(url)) is not None:
        if not Path(db_file).exists():
            raise BackupError(f"no database at {db_file}")
        path.unlink(missing_ok=True)
        _sqlite_copy(db_file, path)
    else:
        _run(
            [_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges", "--file", str(path), libpq_url(url)]
        )
    return path.stat().st_size


def restore(url, path):
    """Replaces the database's contents with the backup's (stop the web and worker processes first)."""
    if not Path(path).is_file():
        raise BackupError(f"no backup at {path}")
    if (db_file := sqlite_path(url)) is not None:
        check = sqlite3.connect(path)
        try:
            if check.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                raise BackupError(f"{path} is not an intact SQLite backup")
        except sqlite3.DatabaseError as error:
            raise BackupError(f"{path} is not a SQLite backup ({error})") from error
        finally:
            check.close()
        Path(db_file).parent.mkdir(parents=True, exist_ok=True)
        _sqlite_copy(path, db_file)
    else:
        _run(
            [
                _tool("pg_restore"),
                "--clean",
                "--if-exists",
                "--no-owner",
                "--no-privileges",
                "--single-transaction",
                "--dbname",
                libpq_url(url),
                str(path),
            ]
        )
