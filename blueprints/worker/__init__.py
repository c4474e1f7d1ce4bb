from flask import Blueprint

from blueprints.shared import helpers

bp = Blueprint("worker", __name__, url_prefix="/worker")
bp.before_request(helpers.require_worker)

from blueprints.worker import (
    card_views,
    career_views,
    change_views,
    entry_views,
    experience_views,
    home_views,
    level_views,
    link_views,
)
