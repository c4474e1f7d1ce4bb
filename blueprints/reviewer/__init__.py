from flask import Blueprint

from blueprints import helpers

bp = Blueprint("reviewer", __name__, url_prefix="/reviewer")
bp.before_request(helpers.require_reviewer)

from blueprints.reviewer import views  # noqa: E402,F401
from blueprints.reviewer import payment_views  # noqa: E402,F401
from blueprints.reviewer import card_views  # noqa: E402,F401
from blueprints.reviewer import change_views  # noqa: E402,F401
from blueprints.reviewer import inquiry_views  # noqa: E402,F401
