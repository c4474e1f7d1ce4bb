"""URL helpers for links that leave the app (mail) and for safe redirects; used by blueprints and tasks."""

from urllib.parse import urlparse, urlsplit

from flask import current_app


def external_url(endpoint, **values):
    """An absolute URL for mail, always on the configured BASE_URL (never the request's Host header)."""
    base = urlsplit(current_app.config["BASE_URL"])
    adapter = current_app.url_map.bind(base.netloc, script_name=base.path or "/", url_scheme=base.scheme)
    return adapter.build(endpoint, values, force_external=True)


def safe_next(target):
    """Only same-site relative paths are followed after login."""
    if not target:
        return None
    parsed = urlparse(target)
    if parsed.scheme or parsed.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    return target
