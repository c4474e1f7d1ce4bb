"""JSON errors and bearer-token checks of /api/v1."""

from flask import current_app, jsonify, request

from blueprints.shared.touch_messages import message
from models.sites.api_tokens import TokenError, authenticate


def error(status, code):
    return jsonify({"error": message(code)}), status


def caller_for(scope):
    """(caller, None) for a bearer token allowed `scope`, or (None, error response)."""
    header = request.headers.get("Authorization", "")
    token = header[7:].strip() if header[:7].lower() == "bearer " else ""
    try:
        caller = authenticate(token)
    except TokenError as refused:
        return None, error(403, refused.code)
    if caller is None:
        return None, error(401, "unauthorized")
    if scope not in caller.scopes:
        return None, error(403, "forbidden")
    caller.qr_secret = current_app.config["SECRET_KEY"]
    return caller, None
