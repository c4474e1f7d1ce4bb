"""What the platform asks of the app: `/up` (its health probe) and `/metrics` (Prometheus text format,
behind METRICS_TOKEN). Gauges of shared state (outbox, queue, database connections) are read at scrape
time; counters and latency histograms are per process, summed by prometheus_client's multiprocess
mode when PROMETHEUS_MULTIPROC_DIR is set (every gunicorn worker and consumer on the machine)."""

import datetime as dt
import hmac
import os

from flask import abort, current_app, request
from huey import signals
from peewee import PostgresqlDatabase, fn
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
    multiprocess,
)
from prometheus_client.core import GaugeMetricFamily

from extensions import db, huey

REQUEST_SECONDS = Histogram(
    "careerup_http_request_duration_seconds",
    "Requests by route (the URL rule), method and status, with their latency",
    ["route", "method", "status"],
    buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)
JOBS_FAILED = Counter("careerup_jobs_failed", "huey jobs that raised, by task", ["task"])


def observe_request(route, method, status, seconds):
    REQUEST_SECONDS.labels(route, method, str(status)).observe(seconds)


@huey.signal(signals.SIGNAL_ERROR)
def _count_failure(signal, task, *args):
    JOBS_FAILED.labels(task.name).inc()


class _SharedState:
    """Gauges read from the database and the queue when scraped: the same answer from any process."""

    def collect(self):
        from models.core.clock import utcnow
        from models.core.outbox import OutboxMail

        unsent, oldest = (
            OutboxMail.select(fn.COUNT(OutboxMail.id), fn.MIN(OutboxMail.created_at))
            .where(OutboxMail.sent_at.is_null())
            .tuples()
            .get()
        )
        yield GaugeMetricFamily("careerup_outbox_unsent", "Mail in the outbox not sent yet", value=unsent)
        age = (utcnow() - _as_datetime(oldest)).total_seconds() if oldest else 0
        yield GaugeMetricFamily(
            "careerup_outbox_oldest_unsent_age_seconds", "Age of the oldest unsent mail", value=max(age, 0)
        )
        yield GaugeMetricFamily("careerup_jobs_queued", "huey jobs waiting for a consumer", value=huey.pending_count())
        yield GaugeMetricFamily(
            "careerup_jobs_scheduled",
            "huey jobs waiting for their time (delays, retries)",
            value=huey.scheduled_count(),
        )
        yield from _connections()


def _as_datetime(value):
    return value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(str(value))


def _connections():
    pool = db.obj
    if hasattr(pool, "_in_use"):  # playhouse.pool: this process's pool
        gauge = GaugeMetricFamily("careerup_db_pool_connections", "This process's pooled connections", labels=["state"])
        gauge.add_metric(["in_use"], len(pool._in_use))
        gauge.add_metric(["idle"], len(pool._connections))
        yield gauge
    if isinstance(pool, PostgresqlDatabase):
        rows = db.execute_sql(
            "SELECT coalesce(state, 'other'), count(*) FROM pg_stat_activity "
            "WHERE datname = current_database() GROUP BY 1"
        ).fetchall()
        gauge = GaugeMetricFamily(
            "careerup_db_connections", "Connections to the database from every process, by state", labels=["state"]
        )
        for state, count in rows:
            gauge.add_metric([state], count)
        yield gauge


def metrics_text():
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
    else:
        registry = REGISTRY
    shared = CollectorRegistry()
    shared.register(_SharedState())
    return generate_latest(registry) + generate_latest(shared)


def metrics():
    token = current_app.config.get("METRICS_TOKEN") or ""
    if not token:
        abort(404)
    given = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
    if not hmac.compare_digest(given.encode(), token.encode()):
        return "unauthorized\n", 401, {"Content-Type": "text/plain; charset=utf-8", "WWW-Authenticate": "Bearer"}
    return metrics_text(), 200, {"Content-Type": CONTENT_TYPE_LATEST, "Cache-Control": "no-store"}


def healthy(redis_url):
    """The database answers a query and Redis (when configured) a ping."""
    try:
        opened = db.connect(reuse_if_open=True)
        try:
            db.execute_sql("SELECT 1")
        finally:
            if opened:
                db.close()
        if redis_url:
            import redis

            redis.Redis.from_url(redis_url, socket_timeout=2, socket_connect_timeout=2).ping()
    except Exception:
        return False
    return True


class UpProbe:
    """WSGI in front of everything: /up answers the platform's probe on any host and scheme (no HTTPS
    redirect, no trusted-host check) with "ok" or "unavailable" and nothing else."""

    def __init__(self, wsgi_app, redis_url):
        self.wsgi_app, self.redis_url = wsgi_app, redis_url

    def __call__(self, environ, start_response):
        if environ.get("PATH_INFO") != "/up":
            return self.wsgi_app(environ, start_response)
        ok = healthy(self.redis_url)
        body = b"ok\n" if ok else b"unavailable\n"
        start_response(
            "200 OK" if ok else "503 Service Unavailable",
            [
                ("Content-Type", "text/plain; charset=utf-8"),
                ("Content-Length", str(len(body))),
                ("Cache-Control", "no-store"),
            ],
        )
        return [body] if environ.get("REQUEST_METHOD") != "HEAD" else []


def init_platform(app):
    app.add_url_rule("/metrics", "metrics", metrics)
    app.wsgi_app = UpProbe(app.wsgi_app, app.config.get("REDIS_URL"))
