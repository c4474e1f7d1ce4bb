from flask import Blueprint

from blueprints.shared import helpers, permissions

bp = Blueprint("prime", __name__, url_prefix="/prime")
bp.before_request(helpers.require_active_company)
bp.before_request(permissions.enforce)  # the role table

from blueprints.prime import (
    approval_views,
    document_views,
    education_views,
    presence_views,
    reads_views,
    site_views,
    token_views,
    tree_views,
)
