"""One user action in a process that dies (SIGKILL) the moment its change is durable, before anything
after the commit runs: `python -m tests.crash_after_commit '<json>'`, with DATABASE_URL and
OUTBOX_DIR of the test that starts it. The JSON names the request (method, url, form data, the
session cookie of the test's client) and `durable`, an SQL query (`?` for each of `params`) that
finds a row once the change is committed; it is asked after each statement run outside a
transaction and after each commit."""

import json
import os
import signal
import sys

from config import TestConfig


class Config(TestConfig):
    DATABASE_URL = os.environ["DATABASE_URL"]
    OUTBOX_DIR = os.environ["OUTBOX_DIR"]


def die_once_durable(database, query, params):
    """Wraps the connection's statements and commits: the first time `query` finds a row with no
    transaction open, the process is killed where it stands."""
    execute, commit = database.execute_sql, database.commit
    query, asking = query.replace("?", database.param), False

    def durable():
        nonlocal asking
        asking = True
        try:
            return execute(query, params).fetchone() is not None
        finally:
            asking = False

    def check():
        if not asking and not database.in_transaction() and durable():
            os.kill(os.getpid(), signal.SIGKILL)

    def execute_sql(sql, params=None, *args, **kwargs):
        cursor = execute(sql, params, *args, **kwargs)
        check()
        return cursor

    def commit_then_check():
        commit()
        check()

    database.execute_sql, database.commit = execute_sql, commit_then_check
    return durable


def main(spec):
    from app import create_app
    from extensions import db, huey

    app = create_app(Config)
    huey.immediate = True  # were the process to live on, the mail would be delivered right here
    client = app.test_client()
    if spec.get("cookie"):
        client.set_cookie("session", spec["cookie"], domain="localhost")
    with app.app_context():
        db.connect(reuse_if_open=True)
        durable = die_once_durable(db.obj, spec["durable"], spec.get("params", ()))
        if durable():
            sys.exit("the change is already there before the action")
        db.close()
    response = client.open(spec["url"], method=spec.get("method", "POST"), data=spec.get("data", {}))
    sys.exit(f"lived through the action (HTTP {response.status_code}): the change never became durable")


if __name__ == "__main__":
    main(json.loads(sys.argv[1]))
