"""Seeing into the running app: one JSON line per request and per log record on stdout, a request id
that follows the request into the huey jobs it enqueues, and errors logged once on one line."""

import datetime as dt
import json
import logging
import re
import sys
import time
import traceback
import uuid
from contextvars import ContextVar

from flask import g, request, session
from flask.logging import default_handler
from flask_login import current_user
from huey import signals

from extensions import huey

REQUEST_ID = ContextVar("request_id", default=None)
HEADER = "X-Request-ID"
_TASK_KEY = "_request_id"  # carried in an enqueued task's kwargs, taken out before it runs
_SAFE_ID = re.compile(r"[A-Za-z0-9._:-]{1,128}")
request_log = logging.getLogger("careerup.request")


class JsonFormatter(logging.Formatter):
    """A record as one JSON object on one line; a traceback goes in its "exc" field."""

    def format(self, record):
        line = {
            "time": dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "request_id": REQUEST_ID.get(),
            "msg": record.getMessage(),
        }
        line.update(getattr(record, "fields", {}))
        if record.exc_info:
            line["exc"] = "".join(traceback.format_exception(*record.exc_info))
        return json.dumps(line, ensure_ascii=False, default=str)


class _StdoutHandler(logging.StreamHandler):
    """Writes to whatever sys.stdout is now (a test's capture, a redirected stream)."""

    def __init__(self):
        super().__init__()
        self.setFormatter(JsonFormatter())

    @property
    def stream(self):
        return sys.stdout

    @stream.setter
    def stream(self, value):
        pass


def configure_logging(level=logging.INFO):
    """The root logger writes JSON lines to stdout (once per process, however many apps it builds)."""
    root = logging.getLogger()
    if not any(isinstance(h, _StdoutHandler) for h in root.handlers):
        root.addHandler(_StdoutHandler())
    root.setLevel(level)


@huey.on_startup(name="careerup_json_logs")
def _json_lines_only():
    # huey_consumer gives the "huey" logger a plain stderr handler of its own once the app is loaded:
    # the lines reach stdout as JSON through the root logger, and only there.
    consumer = logging.getLogger("huey")
    for handler in [h for h in consumer.handlers if type(h) is logging.StreamHandler]:
        consumer.removeHandler(handler)


def _request_id_from_client(app):
    """A trusted proxy's X-Request-ID (only when PROXY_HOPS says a proxy is in front), else a new one."""
    given = request.headers.get(HEADER, "") if app.config["PROXY_HOPS"] else ""
    return given if _SAFE_ID.fullmatch(given) else uuid.uuid4().hex


def _tenant():
    return session.get("company_id") if session.get("role") == "company" else None


def init_request_log(app, observe_request=None):
    """Request id in, one JSON line out per request; `observe_request(route, method, status, seconds)`
    also sees each finished request (the metrics)."""
    configure_logging()
    app.logger.removeHandler(default_handler)  # errors go to the JSON line, once

    @app.before_request
    def _start():
        g.request_started = time.perf_counter()
        g.request_id_token = REQUEST_ID.set(_request_id_from_client(app))

    @app.after_request
    def _log(response):
        started = g.get("request_started")
        seconds = time.perf_counter() - started if started is not None else 0.0
        route = request.url_rule.rule if request.url_rule is not None else "<unmatched>"
        size = response.content_length
        if size is None and not response.is_streamed:
            size = response.calculate_content_length()
        account = current_user.get_id() if current_user.is_authenticated else None
        response.headers[HEADER] = REQUEST_ID.get() or ""
        fields = {
            "method": request.method,
            "route": route,
            "status": response.status_code,
            "duration_ms": round(seconds * 1000, 1),
            "account_id": int(account) if account else None,
            "tenant": _tenant(),
            "bytes": size,
        }
        request_log.info("request", extra={"fields": fields})
        if observe_request is not None:
            observe_request(route, request.method, response.status_code, seconds)
        return response

    @app.teardown_request
    def _forget(exc):
        token = g.pop("request_id_token", None)
        if token is not None:
            REQUEST_ID.reset(token)


@huey.signal(signals.SIGNAL_ENQUEUED)
def _carry_request_id(signal, task):
    request_id = REQUEST_ID.get()
    if request_id and task.kwargs is not None:
        task.kwargs[_TASK_KEY] = request_id


@huey.pre_execute(name="careerup_request_id")
def _take_request_id(task):
    kwargs = task.kwargs or {}
    # sentry-sdk's huey integration adds trace headers on enqueue and takes them out only where it is
    # enabled too: a consumer without SENTRY_DSN would call the task with them.
    kwargs.pop("sentry_headers", None)
    request_id = kwargs.pop(_TASK_KEY, None)
    if request_id:
        task._request_id_token = REQUEST_ID.set(request_id)


@huey.signal(
    signals.SIGNAL_COMPLETE,
    signals.SIGNAL_ERROR,
    signals.SIGNAL_CANCELED,
    signals.SIGNAL_LOCKED,
    signals.SIGNAL_RATE_LIMITED,
    signals.SIGNAL_TIMEOUT,
    signals.SIGNAL_INTERRUPTED,
)
def _drop_request_id(signal, task, *args):
    # After the task's last log line ("executed in", the error), back to the enclosing id (none in a consumer).
    token = task.__dict__.pop("_request_id_token", None)
    if token is not None:
        REQUEST_ID.reset(token)


_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
_DROPPED_HEADERS = {"cookie", "authorization", "x-forwarded-for", "x-real-ip"}


def _scrub(value):
    """Every string in the event with e-mail addresses masked."""
    if isinstance(value, str):
        return _EMAIL.sub("[email]", value)
    if isinstance(value, dict):
        return {k: _scrub(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_scrub(v) for v in value]
    return value


def scrub_event(event, hint=None):
    """Sentry's before_send: no request body, cookies, query or client address, no user but an id, no
    e-mail address anywhere; the request id as a tag to find the log lines."""
    req = event.get("request") or {}
    for key in ("data", "cookies", "query_string", "env"):
        req.pop(key, None)
    if "headers" in req:
        req["headers"] = {k: v for k, v in req["headers"].items() if k.lower() not in _DROPPED_HEADERS}
    user = event.get("user") or {}
    event["user"] = {"id": user["id"]} if "id" in user else {}
    if REQUEST_ID.get():
        event.setdefault("tags", {})["request_id"] = REQUEST_ID.get()
    return _scrub(event)


def init_error_reporting(app):
    """Errors of the web app and of huey jobs to any Sentry-compatible service when SENTRY_DSN is set."""
    dsn = app.config.get("SENTRY_DSN")
    if not dsn:
        return
    import sentry_sdk
    from sentry_sdk.integrations.flask import FlaskIntegration
    from sentry_sdk.integrations.huey import HueyIntegration

    sentry_sdk.init(
        dsn=dsn,
        environment=app.config["ENV_NAME"],
        integrations=[FlaskIntegration(), HueyIntegration()],
        # send_default_pii off, spelt the way sentry-sdk 2.7x wants it: no user, cookies, bodies, query or
        # frame locals (which hold accounts, names, addresses); before_send scrubs what is left.
        data_collection={
            "user_info": False,
            "cookies": {"mode": "off"},
            "http_bodies": [],
            "url_query_params": {"mode": "off"},
            "database_query_data": False,
            "stack_frame_variables": False,
        },
        traces_sample_rate=0,
        before_send=scrub_event,
    )
