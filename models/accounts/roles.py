"""The admin roles (管理者ID の権限, DOMAIN §8) and the rights each holds: the one table the company and
prime screens are gated by (blueprints/shared/permissions.py) and the rules ask (who answers for a company)."""

from models.accounts.accounts import Account, Membership

# Rights
VIEW = "view"  # the company's home and the list of its admin IDs
ADMINS = "admins"  # add admin IDs, change their role, remove them (組織・利用者の設定)
AFFAIRS = "affairs"  # speak for the company: 変更申請, 所属 links and 退職, certificates, careers, 建退共, bills
SITES = "sites"  # 現場: sites, the subcontract tree (施工体制), readers, rosters, daily records and their approval
PROXY = "proxy"  # 代行申請: new applications, change applications and work-history entry on others' behalf

# What needs a usable 事業者ID, i.e. its registration fee paid (DOMAIN §4): sites, invitations, rosters, proxy.
NEEDS_PAID_ID = {SITES, PROXY}

ROLE_RIGHTS = {
    "system_admin": {VIEW, ADMINS, AFFAIRS, SITES, PROXY},  # システム管理者
    "general_admin": {VIEW, AFFAIRS, SITES, PROXY},  # 一般管理者
    "site_manager": {VIEW, SITES},  # 現場管理者: sites and rosters, not the organisation or its users
    "proxy_clerk": {VIEW, PROXY},  # 代行申請担当者
}

# Who speaks for a company in 関連付け, 退職, invitations and bills: the roles with AFFAIRS.
ANSWERING_ROLES = tuple(role for role, rights in ROLE_RIGHTS.items() if AFFAIRS in rights)


def company_admins(company):
    """The accounts that answer for `company`: its system and general admins."""
    return (
        Account.select()
        .join(Membership)
        .where((Membership.company == company) & Membership.role.in_(ANSWERING_ROLES))
        .order_by(Account.id)
    )
