"""The identities one login can act as, and where each one starts."""

from flask import g, session, url_for
from flask_babel import gettext as _

from models.accounts.workers import Worker


def identities(account):
    """[(key, label)] for the role switcher: worker, each approved company, reviewer, applicant."""
    items = []
    worker = Worker.get_or_none(Worker.account == account)
    if worker is not None and worker.approved:
        items.append(("worker", _("技能者: %(name)s", name=worker.full_name)))
    for m in account.memberships():
        if m.company.approved:
            items.append((f"company:{m.company_id}", _company_label(m.company)))
    if account.is_reviewer:
        items.append(("reviewer", _("審査担当")))
    items.append(("applicant", _("登録申請")))
    return items


def _company_label(company):
    return _("事業者: %(name)s", name=company.name)


def active_label(account):
    """The active role's name. A company role is the company this request already checked
    (require_active_company), so a company page's header costs no queries."""
    company = g.get("company")
    if company is not None and active_key() == f"company:{company.id}":
        return _company_label(company)
    return dict(identities(account)).get(active_key())


def activate(account, key):
    """Make `key` the active role if the account holds it; returns the role's home URL or None."""
    if key not in dict(identities(account)):
        return None
    if key.startswith("company:"):
        session["role"], session["company_id"] = "company", int(key.split(":", 1)[1])
        return url_for("company.dashboard")
    session["role"] = key
    session.pop("company_id", None)
    return {
        "worker": url_for("worker.home"),
        "reviewer": url_for("reviewer.queue"),
        "applicant": url_for("apply.portal"),
    }[key]


def active_key():
    role = session.get("role")
    return f"company:{session.get('company_id')}" if role == "company" else role


def default_home(account):
    """After login: the first identity the account has (worker, company, reviewer, applicant)."""
    return activate(account, identities(account)[0][0])
