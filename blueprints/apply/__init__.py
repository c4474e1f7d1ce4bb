from flask import Blueprint

from blueprints import helpers

bp = Blueprint("apply", __name__, url_prefix="/apply")
bp.before_request(helpers.require_login)

from blueprints.apply import views  # noqa: E402,F401
from blueprints.apply import worker_views  # noqa: E402,F401
from blueprints.apply import company_views  # noqa: E402,F401
from blueprints.apply import payment_views  # noqa: E402,F401
