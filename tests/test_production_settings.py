"""Production refuses unsafe settings at start-up, one line per problem naming the variable and its fix;
huey and the rate limiter take their storage from the config create_app is given."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

import tests.factories as f
from config import Config, UnsafeSettings
from factory import web

ROOT = Path(__file__).resolve().parent.parent


def test_safe_production_settings_start(production_settings):
    conf = Config.load(production_settings)
    assert conf["SESSION_COOKIE_SECURE"] is True and conf["PAYMENT_PROVIDER"] == "offline"
    assert conf["RATELIMIT_STORAGE_URI"] == production_settings["REDIS_URL"]


@pytest.mark.parametrize("name", ["prod", "Production", "PRODUCTION", "staging", ""])
def test_an_unknown_careerup_env_stops_instead_of_falling_back_to_the_demo_mode(name):
    with pytest.raises(UnsafeSettings) as refused:
        Config.load({"ENV_NAME": name})
    assert refused.value.problems == [
        f"CAREERUP_ENV={name} is not known: set CAREERUP_ENV=production, or embedded (the default)"
    ]


REFUSALS = [
    ({"PAYMENT_PROVIDER": "test"}, "PAYMENT_PROVIDER=test", "PAYMENT_PROVIDER=offline"),
    ({"PAYMENT_PROVIDER": " Test "}, "PAYMENT_PROVIDER=test", "PAYMENT_PROVIDER=offline"),
    ({"SECRET_KEY": "x"}, "SECRET_KEY must be at least 32 bytes (it has 1)", "secrets.token_hex(32)"),
    ({"SECRET_KEY": "k" * 31}, "SECRET_KEY must be at least 32 bytes (it has 31)", "set SECRET_KEY="),
    ({"SECRET_KEY": None}, "SECRET_KEY must be at least 32 bytes (it has 0)", "set SECRET_KEY="),
    ({"BASE_URL": "http://careerup.example.jp"}, "BASE_URL=http://careerup.example.jp is not", "https://"),
    ({"BASE_URL": None}, "BASE_URL=(unset) is not an https:// address", "set BASE_URL=https://"),
    ({"BASE_URL": "https://"}, "BASE_URL=https:// is not an https:// address", "set BASE_URL=https://"),
    ({"MAIL_URL": None}, "MAIL_URL is unset", "set MAIL_URL=smtp+starttls://"),
    ({"MAIL_URL": ""}, "MAIL_URL is unset", "set MAIL_URL=smtp+starttls://"),
    ({"REDIS_URL": None}, "REDIS_URL is unset", "set REDIS_URL=redis://"),
    ({"DATABASE_URL": "sqlite:///x.db"}, "DATABASE_URL is SQLite", "set DATABASE_URL=postgresql://"),
    ({"MAIL_FROM": None}, "MAIL_FROM is unset", "set MAIL_FROM="),
]


@pytest.mark.parametrize(("change", "says", "fix"), REFUSALS)
def test_production_refuses_an_unsafe_setting_with_one_line_naming_it_and_the_fix(
    production_settings, change, says, fix
):
    with pytest.raises(UnsafeSettings) as refused:
        Config.load({**production_settings, **change})
    [line] = refused.value.problems
    assert line.startswith(says) and fix in line and "\n" not in line


def test_every_problem_is_named_at_once(production_settings):
    with pytest.raises(UnsafeSettings) as refused:
        Config.load({**production_settings, "SECRET_KEY": "x", "MAIL_URL": None, "REDIS_URL": None})
    assert [p.split()[0] for p in refused.value.problems] == ["SECRET_KEY", "MAIL_URL", "REDIS_URL"]


def test_production_refuses_a_database_with_the_demo_logins(app, monkeypatch):
    with app.app_context():
        monkeypatch.setitem(app.config, "ENV_NAME", "production")
        web.refuse_demo_data(app)  # a database without them starts
        f.account(email="reviewer@demo.careerup.jp")
        with pytest.raises(UnsafeSettings) as refused:
            web.refuse_demo_data(app)
    [line] = refused.value.problems
    assert "demo data (reviewer@demo.careerup.jp)" in line and "DATABASE_URL" in line


def _start(env, code):
    env = {k: v for k, v in {**os.environ, **env}.items() if v is not None}
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)


PROCESSES = {
    "web": ["-m", "gunicorn", "-c", "gunicorn.conf.py", "app:create_app()"],
    "worker": ["-c", "from huey.bin.huey_consumer import consumer_main; consumer_main()", "worker.huey"],
    "release": ["-m", "flask", "--app", "app", "db", "upgrade"],
}


@pytest.mark.parametrize("process", PROCESSES)
def test_each_procfile_process_refuses_at_once_with_the_lines_and_no_traceback(tmp_path, process):
    """gunicorn stops (no worker respawned for ever), the consumer and the release command exit 1."""
    env = {k: v for k, v in os.environ.items() if k != "REDIS_URL"}
    env.update({"CAREERUP_ENV": "Production", "CAREERUP_INSTANCE": str(tmp_path), "GUNICORN_BIND": "127.0.0.1:0"})
    r = subprocess.run(
        [sys.executable, *PROCESSES[process]], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert r.returncode == 1
    assert r.stderr.splitlines()[-2:] == [
        "CareerUp refuses to start:",
        "  CAREERUP_ENV=Production is not known: set CAREERUP_ENV=production, or embedded (the default)",
    ]
    assert "Traceback" not in r.stderr


def test_huey_and_the_limiter_follow_the_config_given_to_create_app(tmp_path):
    """Not os.environ at import: a dict given to create_app picks the queue and the rate-limit storage."""
    code = (
        "import app, extensions as e\n"
        f"app.create_app({{'DATABASE_URL': 'sqlite:///{tmp_path / 'a.db'}', 'REDIS_URL': 'redis://127.0.0.1:6379/5'}})\n"
        "print(type(e.huey.storage).__name__, e.huey.storage.conn.connection_pool.connection_kwargs['db'])\n"
        "print(type(e.limiter.storage).__name__)\n"
        f"app.create_app({{'DATABASE_URL': 'sqlite:///{tmp_path / 'b.db'}', 'REDIS_URL': None}})\n"
        "print(type(e.huey.storage).__name__, e.huey.storage.filename)\n"
        "print(type(e.limiter.storage).__name__)\n"
    )
    r = _start({"REDIS_URL": None, "CAREERUP_INSTANCE": str(tmp_path)}, code)
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines() == [
        "RedisStorage 5",
        "RedisStorage",
        f"SqliteStorage {tmp_path / 'huey.db'}",
        "MemoryStorage",
    ]


def test_make_run_on_another_port_mails_links_to_that_port():
    conf = Config.load({"BASE_URL": None, "PORT": "5077"})
    assert conf["BASE_URL"] == "http://127.0.0.1:5077"
    assert Config.load({"BASE_URL": "https://x.example", "PORT": "5077"})["BASE_URL"] == "https://x.example"
