from flask import flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from blueprints.prime import bp
from blueprints.prime.site_forms import ReaderForm, SiteForm, SubcontractorForm, refused_invitation
from blueprints.shared.helpers import asked_day
from models.accounts.shown_tokens import ShownToken
from models.core.base import get_owned_or_404
from models.history.daily import daily_list
from models.sites.readers import CardReader
from models.sites.sites import ORDER_TYPES, Site, SiteContract


@bp.get("/sites")
def sites():
    own = list(Site.of_prime(g.membership))
    joined = [s for s in Site.visible_to(g.membership) if s.prime_id != g.company.id]
    return render_template("prime/sites.html", sites=own, joined=joined)


@bp.get("/sites/new")
def site_new():
    return render_template("prime/site_new.html", form=SiteForm(Site(prime=g.company).managers_choices()))


@bp.post("/sites")
def site_create():
    form = SiteForm(Site(prime=g.company).managers_choices())
    if not form.validate_on_submit():
        return render_template("prime/site_new.html", form=form), 400
    site = Site.open(g.membership, **form.site_fields())
    flash(_("現場を登録しました。現場ID: %(id)s", id=site.site_id), "success")
    return redirect(url_for("prime.site_detail", site_pk=site.id))


@bp.get("/sites/<int:site_pk>/edit")
def site_edit(site_pk):
    site = get_owned_or_404(Site.of_prime(g.membership), site_pk)
    form = SiteForm(site.managers_choices(), obj=site)
    if request.method == "GET":
        form.hazardous.data = "1" if site.hazardous else "0"
        form.corins.data = {True: "1", False: "0"}.get(site.corins, "")
        form.manager.data = str(site.manager_id or "")
    return render_template("prime/site_edit.html", form=form, site=site)


@bp.post("/sites/<int:site_pk>/edit")
def site_update(site_pk):
    site = get_owned_or_404(Site.of_prime(g.membership), site_pk)
    form = SiteForm(site.managers_choices())
    if not form.validate_on_submit():
        return render_template("prime/site_edit.html", form=form, site=site), 400
    site.edit(g.membership, **form.site_fields())
    flash(_("現場・契約情報を保存しました。"), "success")
    return redirect(url_for("prime.site_detail", site_pk=site.id))


def detail_page(site, sub_form=None, reader_form=None, status=200):
    """The site page as `g.company` sees it: the whole tree for the 元請, its branch for others."""
    contracts = SiteContract.visible_on(site, g.company)
    is_prime = site.prime_id == g.company.id
    readers = list(site.readers) if is_prime else []
    return render_template(
        "prime/site_detail.html",
        site=site,
        is_prime=is_prime,
        contracts=contracts,
        children=_children(contracts),
        root_id=site.prime_id,
        own=None if is_prime else next((c for c in contracts if c.company_id == g.company.id), None),
        ledger=site.ledger_visible_to(g.company),
        readers=readers,
        sub_form=sub_form or SubcontractorForm(),
        reader_form=reader_form or ReaderForm(),
        new_tokens=list(ShownToken.waiting(current_user, g.company, "reader", [r.id for r in readers])),
        order_types=ORDER_TYPES,
    ), status


def _children(contracts):
    tree = {}
    for c in contracts:
        tree.setdefault(c.parent_id, []).append(c)
    return tree


@bp.get("/sites/<int:site_pk>")
def site_detail(site_pk):
    site = get_owned_or_404(Site.visible_to(g.membership), site_pk)
    if "invite-business_id" not in request.args:
        return detail_page(site)
    return detail_page(site, sub_form=refused_invitation(request.args), status=400)


@bp.post("/sites/<int:site_pk>/readers")
def reader_add(site_pk):
    site = get_owned_or_404(Site.of_prime(g.membership), site_pk)
    form = ReaderForm()
    if not form.validate_on_submit():
        return detail_page(site, reader_form=form, status=400)
    reader, token = CardReader.register(site, form.name.data)
    ShownToken.keep(current_user, g.company, "reader", reader.id, reader.name, token)
    return redirect(url_for("prime.site_detail", site_pk=site.id), 303)


@bp.get("/sites/<int:site_pk>/daily")
def site_daily(site_pk):
    site = get_owned_or_404(Site.of_prime(g.membership), site_pk)
    asked = asked_day()
    records = daily_list(site, asked.day, request.args.get("page"))
    return render_template(
        "prime/site_daily.html",
        site=site,
        asked=asked,
        records=records,
    )
