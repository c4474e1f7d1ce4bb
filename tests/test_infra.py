"""The parts under the journey: migrations, the CLI, the huey queue, mail delivery, config."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from config import Config
from extensions import db, huey
from models.core.ids import is_valid_id, issue_id, luhn_digit
from tasks import mailer
from tasks.mail import send_mail
from tests import processes

ROOT = Path(__file__).resolve().parent.parent


def _flask(tmp_path, *args):
    env = {
        **os.environ,
        "CAREERUP_INSTANCE": str(tmp_path / "instance"),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'cli.db'}",
    }
    env.pop("REDIS_URL", None)
    return subprocess.run(
        [sys.executable, "-m", "flask", "--app", "app", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_cli_upgrade_demo_data_downgrade(tmp_path):
    migrations = sorted(p.stem for p in (ROOT / "migrations").glob("[0-9][0-9][0-9]_*.py"))
    r = _flask(tmp_path, "db", "upgrade")
    assert r.returncode == 0, r.stderr
    assert f"applied {len(migrations)} migration" in r.stdout
    assert "applied 0 migration" in _flask(tmp_path, "db", "upgrade").stdout  # idempotent
    r = _flask(tmp_path, "demo-data")
    assert r.returncode == 0, r.stderr
    assert "reviewer@demo.careerup.jp" in r.stdout and "cr_demo_reader_token" in r.stdout
    assert _flask(tmp_path, "demo-data").returncode == 0  # safe to run twice
    assert (tmp_path / "instance" / "secret_key").exists()  # generated for the embedded default
    r = _flask(tmp_path, "db", "downgrade", "--steps", str(len(migrations)))
    assert r.returncode == 0, r.stderr
    assert f"todo: {', '.join(migrations)}" in _flask(tmp_path, "db", "status").stdout
    assert f"applied {len(migrations)} migration" in _flask(tmp_path, "db", "upgrade").stdout  # and back up


def test_a_queued_task_runs_when_a_consumer_takes_it(app, outbox):
    """With immediate mode off, the mail waits in the real queue (SQLite or Redis) until executed."""
    huey.immediate = False
    try:
        huey.flush()
        with app.app_context(), db.atomic():
            send_mail(
                "queued@example.jp",
                "approved_worker",
                lang="ja",
                name="山田",
                subject_name="山田 太郎",
                worker_id="10000000000018",
                business_id="",
                application_id=1,
            )
        assert huey.pending_count() == 1 and outbox.messages() == []
        with app.app_context():
            huey.execute(huey.dequeue())
        mail = outbox.last_to("queued@example.jp")
        assert "技能者登録が完了" in mail["Subject"] and "10000000000018" in mail.get_content()
    finally:
        huey.flush()
        huey.immediate = True


def test_mail_goes_to_smtp_when_mail_url_is_set(monkeypatch):
    sent = []

    class FakeSMTP:  # stands in for the network only; the message is built for real
        def __init__(self, host, port, timeout):
            sent.append((host, port))

        def __enter__(self):
            return self

        def __exit__(self, *a):
            return False

        def login(self, user, password):
            sent.append((user, password))

        def send_message(self, msg):
            sent.append(msg["To"])

    monkeypatch.setattr(mailer.smtplib, "SMTP", FakeSMTP)
    mailer.deliver(
        {"MAIL_URL": "smtp://u%40x:p@mail.example:2525", "MAIL_FROM": "a@b"}, "to@example.jp", "件名", "本文"
    )
    assert sent == [("mail.example", 2525), ("u@x", "p"), "to@example.jp"]


def test_ids_are_14_digits_with_a_check_digit_and_never_reused(app):
    issued = [issue_id("worker") for _ in range(3)] + [issue_id("company"), issue_id("site")]
    assert len(set(issued)) == 5 and all(is_valid_id(i) and len(i) == 14 for i in issued)
    assert issued[0][0] == "1" and issued[3][0] == "2" and issued[4][0] == "3"
    good = issued[0]
    typo = good[:5] + str((int(good[5]) + 1) % 10) + good[6:]
    assert not is_valid_id(typo)
    assert luhn_digit("7992739871") == "3"  # the textbook Luhn example


def test_mail_is_sent_from_our_own_domain_and_production_requires_a_sender(monkeypatch, production_settings):
    monkeypatch.delenv("MAIL_FROM", raising=False)
    assert Config.load({"MAIL_FROM": None})["MAIL_FROM"] == "CareerUp <no-reply@localhost>"
    assert "ccus.jp" not in Config.load({"MAIL_FROM": None})["MAIL_FROM"]
    with pytest.raises(SystemExit, match="MAIL_FROM"):
        Config.load({**production_settings, "MAIL_FROM": None})
    own = "CareerUp <no-reply@careerup.example.jp>"
    assert Config.load({**production_settings, "MAIL_FROM": own})["MAIL_FROM"] == own


def test_health_route(client):
    assert client.get("/up").text == "ok\n"


def test_a_served_app_leaves_its_start_up_heap_out_of_full_collections(tmp_path):
    """Start-up objects frozen (gc.freeze): a full collection no longer walks them mid-request."""
    code = (
        "import gc, app; gc.unfreeze(); "
        f"app.create_app({{'DATABASE_URL': 'sqlite:///{tmp_path / 'x.db'}'}}); print(gc.get_freeze_count())"
    )
    r = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "CAREERUP_INSTANCE": str(tmp_path / "instance")},
    )
    assert r.returncode == 0, r.stderr
    assert int(r.stdout.split()[-1]) > 10_000


def test_procfile_lines_name_real_entry_points():
    procfile = (ROOT / "Procfile").read_text()
    assert (
        'web: gunicorn -c gunicorn.conf.py "app:create_app()"' in procfile
        and "worker: huey_consumer worker.huey" in procfile
    )
    r = subprocess.run(
        [sys.executable, "-c", "import worker, tasks; print(worker.huey.name)"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "CAREERUP_INSTANCE": "/tmp/careerup-procfile-check"},
    )
    assert r.returncode == 0 and "careerup" in r.stdout, r.stderr


def test_a_real_consumer_process_delivers_queued_mail(app, outbox):
    huey.immediate = False
    huey.flush()
    try:
        with app.app_context(), db.atomic():
            send_mail(
                "consumer@example.jp",
                "approved_company",
                lang="ja",
                name="佐藤",
                subject_name="佐藤工業",
                business_id="20000000000017",
                worker_id="",
                application_id=1,
            )
        consumer = processes.huey_consumer(app, outbox.folder)
        try:
            import time

            deadline = time.monotonic() + 30
            while time.monotonic() < deadline and not outbox.messages():
                time.sleep(0.2)
        finally:
            consumer.terminate()
            _out, err = consumer.communicate(timeout=20)
        assert outbox.messages(), err
        assert "事業者登録が完了" in outbox.last_to("consumer@example.jp")["Subject"]
    finally:
        huey.flush()
        huey.immediate = True


def test_requests_reuse_the_pooled_connection_and_set_pragmas_once(client, monkeypatch):
    """Issue 19: no connect, PRAGMAs or close (SQLite's WAL checkpoint) per request."""
    from extensions import db

    opened = []
    real = db.obj._connect
    monkeypatch.setattr(db.obj, "_connect", lambda *a, **k: opened.append(1) or real(*a, **k))
    for _ in range(5):
        assert client.get("/").status_code == 200
    assert len(opened) <= 1


def test_database_urls_in_every_documented_form_are_pooled():
    from playhouse.pool import PooledPostgresqlDatabase, PooledSqliteDatabase

    from factory.web import make_database

    assert isinstance(make_database("sqlite:////tmp/x.db"), PooledSqliteDatabase)
    for url in ("postgres://u:p@h:5432/d", "postgresql://u:p@h/d", "postgresql+pool://u@h/d?max_connections=4"):
        database = make_database(url)
        assert isinstance(database, PooledPostgresqlDatabase), url
    assert make_database("postgresql+pool://u@h/d?max_connections=4")._max_connections == 4
