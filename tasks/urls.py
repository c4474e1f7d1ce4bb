"""URL helpers for links that leave the app (mail) and for safe redirects; used by blueprints and tasks."""

from urllib.parse import urlparse

from flask import current_app, has_request_context, url_for


def external_url(endpoint, **values):
    """An absolute URL for mail; BASE_URL wins over the request's host when configured."""
    base = current_app.config.get("BASE_URL")
    if not has_request_context():  # a huey task: build the path as a request to BASE_URL would
        with current_app.test_request_context(base_url=base or "http://localhost"):
            return external_url(endpoint, **values)
    if base:
        return base.rstrip("/") + url_for(endpoint, **values)
    return url_for(endpoint, _external=True, **values)


def safe_next(target):
    """Only same-site relative paths are followed after login."""
    if not target:
        return None
    parsed = urlparse(target)
    if parsed.scheme or parsed.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    return target
