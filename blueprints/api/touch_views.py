"""/api/v1: work-history ingestion for card readers (bearer token per reader, JSON, idempotent)."""

import datetime as dt

from flask import jsonify, request

from blueprints.api import bp
from models.history import TouchError, record_touch
from models.sites import CardReader

MAX_BATCH = 500

MESSAGES = {
    "site_mismatch": (
        "このカードリーダーは指定の現場に登録されていません。",
        "This card reader is not registered to that site.",
    ),
    "unknown_card": ("登録されていない、または無効なカードです。", "Unknown or inactive card."),
    "expired_card": ("有効期限の切れたカードです。更新の手続きをしてください。", "This card has expired."),
    "bad_direction": ("direction は in か out です。", "direction must be 'in' or 'out'."),
    "missing_field": ("必須項目がありません: %s", "Missing field: %s"),
    "bad_time": (
        "at は ISO 8601 形式の日時です（例: 2026-11-25T08:01:00+09:00）。",
        "at must be an ISO 8601 date-time (e.g. 2026-11-25T08:01:00+09:00).",
    ),
}


def _error(status, code, ja, en):
    return jsonify({"error": {"code": code, "message": ja, "message_en": en}}), status


def _item_error(event_id, code, detail=""):
    ja, en = MESSAGES[code]
    if "%s" in ja:
        ja, en = ja % detail, en % detail
    return {"event_id": event_id, "status": "error", "error": {"code": code, "message": ja, "message_en": en}}


def _one(reader, item):
    if not isinstance(item, dict):
        return _item_error(None, "missing_field", "event_id")
    event_id = item.get("event_id")
    for field in ("event_id", "site_id", "card", "direction", "at"):
        if not isinstance(item.get(field), str) or not item[field].strip():
            return _item_error(event_id, "missing_field", field)
    try:
        moment = dt.datetime.fromisoformat(item["at"])
    except ValueError:
        return _item_error(event_id, "bad_time")
    try:
        touch, created = record_touch(
            reader, event_id.strip()[:100], item["site_id"].strip(), item["card"].strip(), item["direction"], moment
        )
    except TouchError as exc:
        return _item_error(event_id, exc.code)
    return {
        "event_id": event_id,
        "status": "created" if created else "duplicate",
        "work_date": touch.record.work_date.isoformat() if touch.record else None,
    }


@bp.post("/touches")
def touches():
    header = request.headers.get("Authorization", "")
    token = header[7:].strip() if header.lower().startswith("bearer ") else ""
    reader = CardReader.by_token(token) if token else None
    if reader is None:
        return _error(
            401, "unauthorized", "カードリーダーのトークンが正しくありません。", "Missing or invalid card-reader token."
        )
    payload = request.get_json(silent=True)
    items = payload.get("touches") if isinstance(payload, dict) else None
    if not isinstance(items, list) or not items:
        return _error(
            400, "bad_request", 'JSON の {"touches": [...]} を送ってください。', 'Send JSON {"touches": [...]}.'
        )
    if len(items) > MAX_BATCH:
        return _error(
            413, "too_many", f"1回に送れるのは {MAX_BATCH} 件までです。", f"At most {MAX_BATCH} touches per request."
        )
    results = [_one(reader, item) for item in items]
    return jsonify(
        {
            "results": results,
            "accepted": sum(r["status"] != "error" for r in results),
            "rejected": sum(r["status"] == "error" for r in results),
        }
    )
