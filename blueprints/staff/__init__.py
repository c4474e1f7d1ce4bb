"""運用: the operator's pages (the mail outbox, erasure on request), for operations staff."""

from flask import Blueprint

from blueprints.shared import helpers

bp = Blueprint("staff", __name__, url_prefix="/staff")
bp.before_request(helpers.require_operations_staff)

from blueprints.staff import erasure_views, outbox_views
