"""JSON errors and the bearer-token gate of /api/v1."""

from flask import current_app, g, jsonify, request

from blueprints.shared.touch_messages import message
from config import keyring
from models.sites.api_tokens import TokenError, authenticate

# What a token must allow for each endpoint. An endpoint in neither table is refused to every token, so a
# new route is closed until it is listed here.
SCOPES = {"api.touches": "write-touches", "api.records": "read-records"}
PUBLIC = {"api.openapi"}


def error(status, code):
    return jsonify({"error": message(code)}), status


def gate():
    """before_request of /api/v1: the caller of a bearer token allowed the endpoint's scope in g.caller,
    or 401 (no or unknown token) / 403 (a token not allowed this endpoint)."""
    if request.endpoint in PUBLIC:
        return None
    header = request.headers.get("Authorization", "")
    token = header[7:].strip() if header[:7].lower() == "bearer " else ""
    try:
        caller = authenticate(token)
    except TokenError as refused:
        return error(403, refused.code)
    if caller is None:
        return error(401, "unauthorized")
    if SCOPES.get(request.endpoint) not in caller.scopes:
        return error(403, "forbidden")
    caller.qr_keys = keyring(current_app.config, "CARD_QR_KEYS")
    g.caller = caller
    return None
