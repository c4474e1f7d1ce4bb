from flask import Blueprint

from blueprints.shared import helpers

bp = Blueprint("prime", __name__, url_prefix="/prime")
bp.before_request(helpers.require_active_company)

from blueprints.prime import approval_views, site_views
