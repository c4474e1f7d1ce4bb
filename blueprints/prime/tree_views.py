"""施工体制: any company on a site invites its own subcontractors (any depth) by 事業者ID."""

from flask import flash, g, redirect, request, url_for
from flask_babel import gettext as _

from blueprints.prime import bp
from blueprints.prime.site_forms import INVITE_FIELDS, SubcontractorForm
from extensions import db
from models.accounts.companies import Company
from models.core.base import get_owned_or_404
from models.sites.sites import Site, SiteContract, SiteError
from tasks import notices


@bp.post("/sites/<int:site_pk>/subcontractors")
def subcontractor_add(site_pk):
    site = get_owned_or_404(Site.visible_to(g.membership), site_pk)
    form = SubcontractorForm()
    if not form.validate_on_submit():
        return _back(site, form)
    try:
        company = Company.by_business_id(form.business_id.data)
        if company is None:
            raise SiteError("unknown")
        with db.atomic():
            contract = SiteContract.invite(
                site, g.company, company, form.scope.data or "", form.starts_on.data, form.ends_on.data, form.kind.data
            )
            notices.site_invited(contract.id)
    except SiteError as exc:
        return _back(site, form, exc.code)
    flash(
        _(
            "%(name)s を%(tier)d次下請として招待しました。先方の承認で施工体制に加わります。",
            name=company.name,
            tier=contract.tier,
        ),
        "success",
    )
    return redirect(url_for("prime.site_detail", site_pk=site.id))


def _back(site, form, error=None):
    """A refused invitation: the site page, with what was typed and the error in its URL (a GET), so a
    reload or a language switch keeps both."""
    typed = {f"invite-{name}": request.form.get(name, "") for name in INVITE_FIELDS}
    return redirect(
        url_for("prime.site_detail", site_pk=site.id, invite_error=error or "", **typed, _anchor="invite"), 303
    )
