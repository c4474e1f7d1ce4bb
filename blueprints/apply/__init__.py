from flask import Blueprint

from blueprints.shared import helpers

bp = Blueprint("apply", __name__, url_prefix="/apply")
bp.before_request(helpers.require_login)

from blueprints.apply import (
    company_views,
    one_person_views,
    payment_views,
    portal_views,
    worker_views,
)
