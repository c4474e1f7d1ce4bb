"""gunicorn settings for `web:` (Procfile, Dockerfile, make prod-local): `gunicorn -c gunicorn.conf.py "app:create_app()"`.

gthread workers: a phone uploading slowly holds one thread while it sends, not a whole worker, so two slow
uploads do not stall the next visitor (tests/test_serving.py). Behind a platform router that buffers whole
requests (Heroku, Render, Fly) this matters less; on a bare machine it is what keeps the site answering."""

import os

bind = os.environ.get("GUNICORN_BIND") or f"0.0.0.0:{os.environ.get('PORT', '5000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
worker_class = "gthread"
# The app is built once in the master: a refused start-up (config.UnsafeSettings) stops gunicorn with its
# lines instead of workers failing forever, and workers share the start-up heap (gc.freeze, copy-on-write).
preload_app = True
threads = int(os.environ.get("GUNICORN_THREADS", "8"))
timeout = 60  # a request (and so an upload) may take a minute on a weak phone connection
graceful_timeout = 30
keepalive = 5
accesslog = None  # the app logs one JSON line per request itself
errorlog = "-"
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None  # heartbeats off a container's overlay disk
certfile = os.environ.get("GUNICORN_CERTFILE") or None  # make prod-local: a self-signed certificate
keyfile = os.environ.get("GUNICORN_KEYFILE") or None
