"""POST /api/v1/touches: batches of card touches from readers, phones and certified systems."""

import json

from flask import jsonify, request

from blueprints.api import bp
from blueprints.api.messages import caller_for, error, message
from models.ingest import MAX_BATCH, ingest


def read_batch():
    """The list of touches in the body, or None. Depth bombs and bad UTF-8 are bad requests."""
    try:
        payload = json.loads(request.get_data(cache=False))
    except (ValueError, RecursionError):
        return None
    items = payload.get("touches") if isinstance(payload, dict) else None
    return items if isinstance(items, list) and items else None


def with_messages(result):
    code = result.pop("code", None)
    if code:
        result["error" if result["status"] == "rejected" else "notice"] = message(code, result.pop("field", ""))
    return result


@bp.post("/touches")
def touches():
    caller, failure = caller_for("write-touches")
    if failure:
        return failure
    items = read_batch()
    if items is None:
        return error(400, "bad_request")
    if len(items) > MAX_BATCH:
        return error(413, "too_many")
    results = [with_messages(r) for r in ingest(caller, items)]
    rejected = sum(r["status"] == "rejected" for r in results)
    return jsonify({"results": results, "accepted": len(results) - rejected, "rejected": rejected})
