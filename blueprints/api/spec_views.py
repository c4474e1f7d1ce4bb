"""GET /api/v1/openapi.json: the OpenAPI 3 document of /api/v1 (tests validate it and run
schemathesis against the live app with it)."""

from flask import jsonify

from blueprints.api import bp
from blueprints.shared.touch_messages import MESSAGES
from models.history.ingest import EVENT_ID_MAX, MAX_BATCH, METHODS

MESSAGE = {
    "type": "object",
    "required": ["code", "message", "message_en"],
    "properties": {
        "code": {"type": "string", "enum": sorted(MESSAGES)},
        "message": {"type": "string", "description": "Japanese"},
        "message_en": {"type": "string"},
    },
}
REFUSED = (
    "forbidden: a token without {scope}; company_suspended: the token's company is suspended for an unpaid "
    "admin ID fee; company_expired: its registration validity ran out (both until it pays or renews)"
)
ERROR = {"type": "object", "required": ["error"], "properties": {"error": {"$ref": "#/components/schemas/Message"}}}
TOUCH = {
    "type": "object",
    "required": ["event_id", "direction", "at"],
    "description": "One of card (the serial a reader sees), qr (the card's QR text) or worker_id (技能者ID).",
    "properties": {
        "event_id": {
            "type": "string",
            "maxLength": EVENT_ID_MAX,
            "pattern": "^[!-~]+$",
            "description": "Made by the sender; a resend with the same id is answered 'duplicate'. "
            f"1 to {EVENT_ID_MAX} printable ASCII characters; longer ids are rejected, never cut.",
        },
        "site_id": {"type": "string", "description": "現場ID; a card reader's token may leave it out."},
        "card": {"type": "string", "description": "FeliCa IDm (16 hex) or ISO 14443 UID (8/14/20 hex)."},
        "qr": {"type": "string"},
        "worker_id": {"type": "string", "description": "技能者ID (14 digits)"},
        "direction": {"type": "string", "enum": ["in", "out"]},
        "at": {"type": "string", "description": "ISO 8601; without an offset the time is Japan's."},
        "method": {"type": "string", "enum": list(METHODS)},
    },
}
RESULT = {
    "type": "object",
    "required": ["status"],
    "properties": {
        "event_id": {"type": ["string", "null"]},
        "status": {"type": "string", "enum": ["created", "duplicate", "unassigned", "rejected"]},
        "work_date": {"type": "string", "format": "date"},
        "error": {"$ref": "#/components/schemas/Message"},
        "notice": {"$ref": "#/components/schemas/Message"},
    },
}
RECORD = {
    "type": "object",
    "required": ["id", "site_id", "worker_id", "work_date"],
    "properties": {
        "id": {"type": "integer"},
        "site_id": {"type": "string"},
        "worker_id": {"type": ["string", "null"]},
        "company_business_id": {"type": ["string", "null"]},
        "worker_ccus_id": {"type": ["string", "null"]},
        "company_ccus_id": {"type": ["string", "null"]},
        "work_date": {"type": "string", "format": "date"},
        "trade": {"type": "string"},
        "position": {"type": "string"},
        "work_content": {"type": "string"},
        "first_in": {"type": ["string", "null"]},
        "last_out": {"type": ["string", "null"]},
    },
}


def _json(schema_name, description):
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{schema_name}"}}},
    }


DOCUMENT = {
    "openapi": "3.1.0",
    "info": {
        "title": "CareerUp API",
        "version": "1.0.0",
        "description": "Card touches in; work records out. Bearer tokens are made by the prime contractor: "
        "a card reader's token (one site, write-touches) or a certified system's token (its company's listed "
        "sites; write-touches and/or read-records). No response names a worker.",
    },
    "servers": [{"url": "/"}],
    "components": {
        "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
        "schemas": {
            "Message": MESSAGE,
            "Error": ERROR,
            "Touch": TOUCH,
            "TouchResult": RESULT,
            "Record": RECORD,
            "TouchBatch": {
                "type": "object",
                "required": ["touches"],
                "properties": {
                    "touches": {
                        "type": "array",
                        "minItems": 1,
                        "maxItems": MAX_BATCH,
                        "items": {"$ref": "#/components/schemas/Touch"},
                    }
                },
            },
            "TouchResults": {
                "type": "object",
                "required": ["results", "accepted", "rejected"],
                "properties": {
                    "results": {"type": "array", "items": {"$ref": "#/components/schemas/TouchResult"}},
                    "accepted": {"type": "integer"},
                    "rejected": {"type": "integer"},
                },
            },
            "RecordPage": {
                "type": "object",
                "required": ["records", "next_cursor", "more"],
                "properties": {
                    "records": {"type": "array", "items": {"$ref": "#/components/schemas/Record"}},
                    "next_cursor": {"type": "string"},
                    "more": {"type": "boolean"},
                },
            },
        },
    },
    "security": [{"bearer": []}],
    "paths": {
        "/api/v1/touches": {
            "post": {
                "operationId": "postTouches",
                "summary": "Send a batch of touches; each item gets its own result.",
                "requestBody": {
                    "required": True,
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/TouchBatch"}}},
                },
                "responses": {
                    "200": _json("TouchResults", "Per-item results"),
                    "400": _json("Error", "Not a JSON batch"),
                    "401": _json("Error", "Missing, invalid or revoked token"),
                    "403": _json("Error", REFUSED.format(scope="write-touches")),
                    "413": _json("Error", "More than 1000 touches"),
                },
            }
        },
        "/api/v1/records": {
            "get": {
                "operationId": "getRecords",
                "summary": "Work records of the token's sites changed after the cursor, in change order.",
                "parameters": [
                    {
                        "name": "since",
                        "in": "query",
                        "required": False,
                        "schema": {"type": "string"},
                        "description": "next_cursor of the previous page; empty for the start.",
                    }
                ],
                "responses": {
                    "200": _json("RecordPage", "Up to 500 records"),
                    "400": _json("Error", "Malformed cursor"),
                    "401": _json("Error", "Missing, invalid or revoked token"),
                    "403": _json("Error", REFUSED.format(scope="read-records")),
                },
            }
        },
        "/api/v1/openapi.json": {
            "get": {
                "operationId": "getOpenApi",
                "security": [],
                "responses": {"200": {"description": "This document", "content": {"application/json": {}}}},
            }
        },
    },
}


@bp.get("/openapi.json")
def openapi():
    return jsonify(DOCUMENT)
