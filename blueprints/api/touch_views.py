"""POST /api/v1/touches: batches of card touches from readers, phones and certified systems."""

from collections import Counter

from flask import g, jsonify, request

from blueprints.api import bp
from blueprints.api.messages import error
from blueprints.shared.touch_messages import with_messages
from extensions import touches_ingested
from models.history.ingest import MAX_BATCH, ingest, parse_batch


@bp.post("/touches")
def touches():
    items = parse_batch(request.get_data(cache=False))
    if items is None:
        return error(400, "bad_request")
    if len(items) > MAX_BATCH:
        return error(413, "too_many")
    results = [with_messages(r) for r in ingest(g.caller, items)]
    rejected = sum(r["status"] == "rejected" for r in results)
    for status, count in Counter(r["status"] for r in results).items():
        touches_ingested.labels(status).inc(count)
    return jsonify({"results": results, "accepted": len(results) - rejected, "rejected": rejected})
