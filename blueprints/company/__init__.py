from flask import Blueprint

from blueprints import helpers

bp = Blueprint("company", __name__, url_prefix="/company")
bp.before_request(helpers.require_active_company)

from blueprints.company import views  # noqa: E402,F401
from blueprints.company import admins_views  # noqa: E402,F401
from blueprints.company import certificate_views, change_views, link_views  # noqa: E402,F401
