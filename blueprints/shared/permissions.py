"""The one table of what each admin role (管理者ID の権限, DOMAIN §8) may do on the company and prime
screens, enforced in one place: a before_request on both blueprints. An endpoint that is not in
ENDPOINT_RIGHTS is refused to everyone (and fails tests/test_permissions.py), so a new route is
one line here."""

from flask import abort, g, request

from blueprints.shared.helpers import fee_pending
from models.accounts.roles import ADMINS, AFFAIRS, NEEDS_PAID_ID, PROXY, ROLE_RIGHTS, SITES, VIEW

ENDPOINT_RIGHTS = {
    # company/
    "company.dashboard": VIEW,
    "company.admins": VIEW,
    "company.admin_add": ADMINS,
    "company.admin_role": ADMINS,
    "company.admin_remove": ADMINS,
    "company.admin_invitation_cancel": ADMINS,
    "company.change_index": AFFAIRS,
    "company.change_new": AFFAIRS,
    "company.change_submit": AFFAIRS,
    "company.change_detail": AFFAIRS,
    "company.affiliations": AFFAIRS,
    "company.links": AFFAIRS,
    "company.record_history": AFFAIRS,
    "company.link_propose": AFFAIRS,
    "company.link_accept": AFFAIRS,
    "company.link_decline": AFFAIRS,
    "company.link_withdraw": AFFAIRS,
    "company.retire_form": AFFAIRS,
    "company.retire_confirm": AFFAIRS,
    "company.first_login_issue": AFFAIRS,
    "company.first_login_dismiss": AFFAIRS,
    "company.certificate_pdf": AFFAIRS,
    "company.worker_career": AFFAIRS,
    "company.worker_career_csv": AFFAIRS,
    "company.experience_requests": AFFAIRS,
    "company.experience_decide": AFFAIRS,
    "company.green_file": AFFAIRS,
    "company.permit_add": AFFAIRS,
    "company.permit_remove": AFFAIRS,
    "company.office_add": AFFAIRS,
    "company.office_remove": AFFAIRS,
    "company.site_ledger": SITES,
    "company.site_ledger_save": SITES,
    "company.kentaikyo": AFFAIRS,
    "company.kentaikyo_save": AFFAIRS,
    "company.kentaikyo_csv": AFFAIRS,
    "company.bills": AFFAIRS,
    "company.ccus_ref": AFFAIRS,
    "company.registration_renewal_form": ADMINS,  # 事業者登録の更新: the system admin, even when expired
    "company.registration_renewal": ADMINS,
    "company.bulk_codes_download": PROXY,
    "company.bulk_consents_pdf": PROXY,
    "company.bulk_files": PROXY,
    "company.bulk_files_upload": PROXY,
    "company.bulk_index": PROXY,
    "company.bulk_status": PROXY,
    "company.bulk_template_download": PROXY,
    "company.bulk_upload": PROXY,
    "company.bulk_retry": PROXY,
    "company.export_index": ADMINS,  # the company's data export: the system admin only
    "company.export_start": ADMINS,
    "company.export_status": ADMINS,
    "company.export_retry": ADMINS,
    "company.export_download": ADMINS,
    "company.integration_batch": PROXY,
    "company.integration_index": PROXY,
    "company.integration_spec": PROXY,
    "company.integration_take": PROXY,
    "company.integration_upload": PROXY,
    "company.proxy_consent": PROXY,
    "company.proxy_consent_pdf": PROXY,
    "company.proxy_detail": PROXY,
    "company.proxy_index": PROXY,
    "company.proxy_hand_over": PROXY,
    "company.proxy_ask": PROXY,
    "company.proxy_invite": PROXY,
    "company.proxy_new": PROXY,
    "company.proxy_new_form": PROXY,
    "company.proxy_submit": PROXY,
    "company.proxy_company_new_form": PROXY,
    "company.proxy_company_new": PROXY,
    "company.proxy_mandates": PROXY,
    "company.proxy_mandate_start": PROXY,
    "company.proxy_mandate": PROXY,
    "company.proxy_mandate_pdf": PROXY,
    "company.proxy_mandate_paper": PROXY,
    "company.proxy_mandate_ask": PROXY,
    "company.proxy_change_new": PROXY,
    "company.proxy_change_submit": PROXY,
    "company.proxy_entries": PROXY,
    "company.proxy_entry_add": PROXY,
    "company.proxy_record_correct": PROXY,
    "company.proxy_record_correct_save": PROXY,
    "company.contract_accept": SITES,
    "company.roster": SITES,
    "company.roster_add": SITES,
    "company.roster_remove": SITES,
    "company.entries": SITES,
    "company.entry_add": SITES,
    "company.record_correct": SITES,
    "company.record_correct_save": SITES,
    # prime/
    "prime.sites": SITES,
    "prime.site_new": SITES,
    "prime.site_create": SITES,
    "prime.site_detail": SITES,
    "prime.subcontractor_add": SITES,
    "prime.reader_add": SITES,
    "prime.site_daily": SITES,
    "prime.approvals": SITES,
    "prime.approvals_decide": SITES,
    "prime.record_trail": SITES,
    "prime.tokens": SITES,
    "prime.token_action_form": SITES,
    "prime.client_create": SITES,
    "prime.client_rotate": SITES,
    "prime.client_revoke": SITES,
    "prime.reader_rotate": SITES,
    "prime.token_dismiss": SITES,
    "prime.reader_revoke": SITES,
    "prime.site_presence": SITES,
    "prime.site_presence_csv": SITES,
    "prime.site_reads": SITES,
    "prime.site_reads_post": SITES,
    "company.contract_decline": SITES,
    "company.roster_entry_edit": SITES,
    "company.roster_entry_update": SITES,
    "company.roster_rows": SITES,
    "company.roster_search": SITES,
    "prime.document_download": SITES,
    "prime.document_request": SITES,
    "prime.document_status": SITES,
    "prime.document_retry": SITES,
    "prime.documents": SITES,
    "prime.education_list": SITES,
    "prime.education_record": SITES,
    "prime.site_edit": SITES,
    "prime.site_update": SITES,
}


def may(endpoint, membership=None):
    """Whether the active admin ID (or `membership`) may use `endpoint`."""
    membership = membership or g.get("membership")
    right = ENDPOINT_RIGHTS.get(endpoint)
    return membership is not None and right is not None and right in ROLE_RIGHTS.get(membership.role, ())


def enforce():
    """before_request of the company and prime blueprints, after the company gate set g.membership."""
    if not may(request.endpoint):
        abort(403)
    if ENDPOINT_RIGHTS[request.endpoint] in NEEDS_PAID_ID and not g.company.usable:
        return fee_pending(g.company)
    return None
