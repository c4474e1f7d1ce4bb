from flask import Blueprint

from blueprints import helpers

bp = Blueprint("apply", __name__, url_prefix="/apply")
bp.before_request(helpers.require_login)

from blueprints.apply import (
    company_views,
    payment_views,
    views,
    worker_views,
)
