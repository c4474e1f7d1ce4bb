"""GET /api/v1/records?since=<cursor>: certified systems pull the work records of their sites."""

from flask import g, jsonify, request

from blueprints.api import bp
from blueprints.api.messages import error
from models.sites.records import parse_cursor, records_since


@bp.get("/records")
def records():
    cursor = parse_cursor(request.args.get("since", ""))
    if cursor is None:
        return error(400, "bad_cursor")
    rows, next_cursor = records_since([s.id for s in g.caller.sites.values()], cursor)
    return jsonify({"records": rows, "next_cursor": next_cursor, "more": len(rows) == 500})
