from flask import Blueprint

from blueprints.api.messages import gate

bp = Blueprint("api", __name__, url_prefix="/api/v1")
bp.before_request(gate)  # the bearer token, like every other blueprint's gate

from blueprints.api import record_views, spec_views, touch_views
