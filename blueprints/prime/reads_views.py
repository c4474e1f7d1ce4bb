"""Reads from a phone, nothing to install: Web NFC where the browser has it, the card's QR through
the camera (vendored jsQR), or a typed 技能者ID. The page keeps reads made offline in IndexedDB and
posts them here, to the same ingestion code the readers use; each touch records how it was made and
who made it. Answers carry no names."""

from flask import current_app, g, jsonify, render_template, request
from flask_login import current_user

from blueprints.prime import bp
from blueprints.shared.touch_messages import with_messages
from config import keyring
from models.core.base import get_owned_or_404
from models.history.ingest import MAX_BATCH, ingest, parse_batch
from models.sites.api_tokens import Caller
from models.sites.sites import Site

PHONE_METHODS = ("nfc", "qr", "typed")


@bp.get("/sites/<int:site_pk>/reads")
def site_reads(site_pk):
    site = get_owned_or_404(Site.visible_to(g.membership), site_pk)
    return render_template("prime/site_reads.html", site=site)


@bp.post("/sites/<int:site_pk>/reads")
def site_reads_post(site_pk):
    site = get_owned_or_404(Site.visible_to(g.membership), site_pk)
    items = parse_batch(request.get_data(cache=False))
    if items is None or len(items) > MAX_BATCH:
        return jsonify({"error": {"code": "bad_request"}}), 400
    for item in items:
        if isinstance(item, dict) and item.get("method") not in PHONE_METHODS:
            item["method"] = "typed"
    caller = Caller.for_phone(current_user, site)
    caller.qr_keys = keyring(current_app.config, "CARD_QR_KEYS")
    return jsonify({"results": [with_messages(r, page=True) for r in ingest(caller, items)]})
