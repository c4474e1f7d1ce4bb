from flask import Blueprint

from blueprints.shared import helpers, permissions

bp = Blueprint("company", __name__, url_prefix="/company")
bp.before_request(helpers.require_active_company)
bp.before_request(permissions.enforce)  # the role table

from blueprints.company import (
    admins_views,
    audit_views,
    bill_views,
    bulk_integration_views,
    bulk_views,
    career_views,
    certificate_views,
    change_views,
    entry_views,
    experience_views,
    export_views,
    kentaikyo_views,
    ledger_views,
    link_views,
    proxy_filing_views,
    proxy_mandate_views,
    proxy_views,
    registration_views,
    roster_entry_views,
    roster_views,
)
