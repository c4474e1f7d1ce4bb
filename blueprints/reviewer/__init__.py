from flask import Blueprint

from blueprints.shared import helpers

bp = Blueprint("reviewer", __name__, url_prefix="/reviewer")
bp.before_request(helpers.require_reviewer)

from blueprints.reviewer import (
    application_views,
    audit_views,
    card_views,
    change_views,
    counter_views,
    inquiry_views,
    job_views,
    level_views,
    payment_views,
    serial_views,
)
