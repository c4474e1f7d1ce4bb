"""Seeing into it: one JSON line per request with a request id that follows into the jobs the request
enqueues, errors once on one line, Sentry events without personal data, a Prometheus scrape, /up."""

import gzip
import json
import os
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from flask import Flask

from extensions import huey
from factory import observe, platform
from models import OutboxMail
from tests import factories, processes


def lines(capsys):
    return [json.loads(line) for line in capsys.readouterr().out.splitlines() if line.startswith("{")]


@huey.task()
def failing_job(email):
    raise ValueError(f"the job for {email} failed")


def request_lines(capsys):
    return [line for line in lines(capsys) if line["logger"] == "careerup.request"]


def test_a_request_is_one_json_line_with_its_rule_account_and_tenant(app, client, capsys):
    company, admin = factories.company()
    factories.login(client, admin)
    with client.session_transaction() as s:
        s["role"], s["company_id"] = "company", company.id
    capsys.readouterr()
    response = client.get("/lang/en?next=/")
    [line] = request_lines(capsys)
    assert line["route"] == "/lang/<code>" and line["method"] == "GET" and line["status"] == 302
    assert line["account_id"] == admin.id and line["tenant"] == company.id
    assert line["request_id"] == response.headers["X-Request-ID"] and len(line["request_id"]) == 32
    assert line["bytes"] == len(response.data) and line["duration_ms"] >= 0
    assert {"time", "level"} <= line.keys()


def test_a_proxys_request_id_is_kept_only_behind_a_trusted_proxy(app, client, capsys):
    assert client.get("/", headers={"X-Request-ID": "from-outside"}).headers["X-Request-ID"] != "from-outside"
    app.config["PROXY_HOPS"] = 1
    try:
        response = client.get("/", headers={"X-Request-ID": "edge-42"})
        bad = client.get("/", headers={"X-Request-ID": "bad id {json}"})
    finally:
        app.config["PROXY_HOPS"] = 0
    assert response.headers["X-Request-ID"] == "edge-42"
    assert request_lines(capsys)[-2]["request_id"] == "edge-42"
    assert bad.headers["X-Request-ID"] != "bad id {json}"


def test_the_jobs_a_request_enqueues_log_under_its_request_id(app, client, capsys):
    account = factories.account()
    huey.immediate = False  # the task goes through the real queue, serialised
    huey.flush()
    try:
        response = client.post("/password/forgot", data={"email": account.email})
        request_id = response.headers["X-Request-ID"]
        capsys.readouterr()
        task = huey.dequeue()
        assert task is not None and "_request_id" in task.kwargs
        with app.app_context():
            huey.execute(task)
    finally:
        huey.flush()
        huey.immediate = True
    job = [line for line in lines(capsys) if line["logger"].startswith("huey")]
    assert job and all(line["request_id"] == request_id for line in job if "executed" in line["msg"])
    assert OutboxMail.get(OutboxMail.to == account.email).sent_at is not None
    assert observe.REQUEST_ID.get() is None


def test_a_real_consumer_logs_the_enqueuing_requests_id_in_json(app, client):
    account = factories.account()
    huey.immediate = False
    huey.flush()
    try:
        request_id = client.post("/password/forgot", data={"email": account.email}).headers["X-Request-ID"]
        consumer = processes.huey_consumer(app, app.config["OUTBOX_DIR"], stdout=subprocess.PIPE)
        try:
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline and OutboxMail.get(OutboxMail.to == account.email).sent_at is None:
                time.sleep(0.2)
        finally:
            consumer.terminate()
            out, err = consumer.communicate(timeout=20)
    finally:
        huey.flush()
        huey.immediate = True
    assert OutboxMail.get(OutboxMail.to == account.email).sent_at is not None, err
    mine = [json.loads(line) for line in out.splitlines() if request_id in line]
    assert any("executed" in line["msg"] for line in mine), out
    assert all(line["request_id"] == request_id for line in mine)
    assert "executed" not in err, err  # no second, plain copy of the lines


def test_an_error_is_logged_once_on_one_line_with_the_request_id(app, client, capsys, monkeypatch):
    from blueprints.public import home_views

    def broken():
        raise RuntimeError("the landing page broke")

    monkeypatch.setitem(app.view_functions, "public.landing", broken)
    monkeypatch.setitem(app.config, "PROPAGATE_EXCEPTIONS", False)  # as served, not as tested
    capsys.readouterr()
    response = client.get("/")
    assert response.status_code == 500 and home_views
    out = capsys.readouterr().out
    errors = [json.loads(line) for line in out.splitlines() if '"level": "error"' in line]
    assert len(errors) == 1
    assert "RuntimeError: the landing page broke" in errors[0]["exc"]
    assert errors[0]["request_id"] == response.headers["X-Request-ID"]
    assert out.count("Traceback") == 1 and all(line.startswith("{") for line in out.splitlines())


class _FakeSentry(BaseHTTPRequestHandler):
    received = []

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        encoding = self.headers.get("Content-Encoding")
        if encoding == "gzip":
            body = gzip.decompress(body)
        elif encoding == "br":  # sentry-sdk compresses with brotli when the package is installed
            import brotli

            body = brotli.decompress(body)
        type(self).received.append(body.decode())
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, *args):
        pass


EMAIL, NAME = "hanako.yamada@example.jp", "山田 花子"  # kept away from the frames a report quotes


@pytest.fixture
def fake_sentry():
    server = HTTPServer(("127.0.0.1", 0), _FakeSentry)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    _FakeSentry.received = []
    yield f"http://public@127.0.0.1:{server.server_port}/1"
    server.shutdown()


def test_sentry_gets_the_error_without_the_persons_email_or_name(app, client, fake_sentry, monkeypatch):
    import sentry_sdk

    person = factories.account(email=EMAIL, name=NAME)
    factories.login(client, person)

    def broken():
        raise RuntimeError(f"could not save {person.email}")

    monkeypatch.setitem(app.view_functions, "public.landing", broken)
    monkeypatch.setitem(app.config, "PROPAGATE_EXCEPTIONS", False)  # as served, not as tested
    app.config["SENTRY_DSN"] = fake_sentry
    try:
        observe.init_error_reporting(app)
        response = client.get("/?email=hanako.yamada@example.jp", data={"family_name": "山田", "email": person.email})
        failing_job(person.email)
        sentry_sdk.flush(timeout=5)
    finally:
        app.config["SENTRY_DSN"] = None
        sentry_sdk.init(dsn=None)
    assert response.status_code == 500, response.get_data(as_text=True)[:500]
    events = [body for body in _FakeSentry.received if '"exception"' in body]
    assert events, f"no event reached the fake Sentry endpoint: {_FakeSentry.received} {response.status_code}"
    assert any("RuntimeError" in body and "could not save" in body for body in events)
    assert any("ValueError" in body and "the job for" in body and '"huey"' in body for body in events)
    for body in events:
        assert "hanako.yamada" not in body and "山田" not in body and "花子" not in body
        assert "\\u5c71\\u7530" not in body  # 山田, escaped


def test_metrics_need_the_token_and_show_requests_touches_outbox_and_queue(app, client):
    assert client.get("/metrics").status_code == 404  # no METRICS_TOKEN: no metrics
    app.config["METRICS_TOKEN"] = "m" * 32
    try:
        assert client.get("/metrics").status_code == 401
        assert client.get("/metrics", headers={"Authorization": "Bearer wrong"}).status_code == 401
        client.get("/lang/ja")
        with app.app_context():
            OutboxMail.write("a@example.jp", "t", "s", "b", grace=3600)
        scrape = client.get("/metrics", headers={"Authorization": "Bearer " + "m" * 32})
    finally:
        app.config["METRICS_TOKEN"] = None
    assert scrape.status_code == 200 and scrape.mimetype == "text/plain"
    text = scrape.text
    assert 'careerup_http_request_duration_seconds_count{method="GET",route="/lang/<code>",status="302"}' in text
    assert 'careerup_http_request_duration_seconds_bucket{le="0.1",method="GET",route="/lang/<code>"' in text
    assert "careerup_outbox_unsent 1.0" in text
    assert "careerup_outbox_oldest_unsent_age_seconds" in text
    assert "careerup_jobs_queued 0.0" in text
    assert "# TYPE careerup_touches_ingested_total counter" in text
    assert "# TYPE careerup_jobs_failed_total counter" in text


def test_up_answers_any_host_and_says_nothing_else(app, client):
    assert client.get("/", headers={"Host": "10.1.2.3"}).status_code == 400  # not a served host
    up = client.get("/up", headers={"Host": "10.1.2.3"})
    assert up.status_code == 200 and up.text == "ok\n"
    assert {name for name, _ in up.headers} <= {"Content-Type", "Content-Length", "Cache-Control"}
    assert isinstance(app.wsgi_app, platform.UpProbe)  # outside the HTTPS redirect and host check


def test_up_is_a_plain_http_probe_in_front_of_an_https_redirect():
    redirecting = Flask("redirects")
    redirecting.add_url_rule("/<path:p>", "all", lambda p: ("", 301, {"Location": "https://x/" + p}))
    probe = platform.UpProbe(redirecting.wsgi_app, None)
    redirecting.wsgi_app = probe
    assert redirecting.test_client().get("/up").status_code == 200


def test_up_is_unavailable_when_redis_does_not_answer(app):
    probe = platform.UpProbe(app.wsgi_app.wsgi_app, "redis://127.0.0.1:1/0")
    flask_app = Flask("probe")
    flask_app.wsgi_app = probe
    down = flask_app.test_client().get("/up")
    assert down.status_code == 503 and down.text == "unavailable\n"


WORKER_SCRIPT = """
import sys
from app import create_app
app = create_app({"DATABASE_URL": sys.argv[1], "METRICS_TOKEN": "t" * 32})
client = app.test_client()
for _ in range(int(sys.argv[2])):
    client.get("/lang/ja")
if sys.argv[3] == "scrape":
    print(client.get("/metrics", headers={"Authorization": "Bearer " + "t" * 32}).text)
"""


def test_gunicorn_workers_sharing_a_multiprocess_dir_are_summed_in_one_scrape(app, tmp_path):
    """Two worker processes count their own requests; a scrape in a third sees the sum."""
    env = {**os.environ, "PROMETHEUS_MULTIPROC_DIR": str(tmp_path / "metrics")}
    (tmp_path / "metrics").mkdir()

    def worker(requests, then):
        done = subprocess.run(
            [sys.executable, "-c", WORKER_SCRIPT, app.config["DATABASE_URL"], str(requests), then],
            cwd=processes.ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr[-2000:]
        return done.stdout

    worker(3, "exit")
    worker(4, "exit")
    scrape = worker(0, "scrape")
    assert 'careerup_http_request_duration_seconds_count{method="GET",route="/lang/<code>",status="302"} 7.0' in scrape
    assert "careerup_outbox_unsent 0.0" in scrape
