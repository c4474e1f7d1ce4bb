from flask import flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _

from blueprints.prime import bp
from blueprints.prime.site_forms import ReaderForm, SiteForm, SubcontractorForm
from models.base import get_owned_or_404
from models.clock import today
from models.companies import Company
from models.dayparam import FIRST_DAY, LAST_DAY, day_param
from models.history import WorkRecord
from models.sites import CardReader, Site, SiteContract


@bp.get("/sites")
def sites():
    return render_template("prime/sites.html", sites=list(Site.of_prime(g.company)))


@bp.get("/sites/new")
def site_new():
    return render_template("prime/site_new.html", form=SiteForm())


@bp.post("/sites")
def site_create():
    form = SiteForm()
    if not form.validate_on_submit():
        return render_template("prime/site_new.html", form=form), 400
    site = Site.open(
        g.company,
        name=form.name.data,
        address=form.address.data or "",
        starts_on=form.starts_on.data,
        ends_on=form.ends_on.data,
    )
    flash(_("現場を登録しました。現場ID: %(id)s", id=site.site_id), "success")
    return redirect(url_for("prime.site_detail", site_pk=site.id))


def _detail(site, sub_form=None, reader_form=None, new_token=None, status=200):
    contracts = list(
        SiteContract.select().where(SiteContract.site == site).order_by(SiteContract.tier, SiteContract.id)
    )
    return render_template(
        "prime/site_detail.html",
        site=site,
        contracts=contracts,
        readers=list(site.readers),
        sub_form=sub_form or SubcontractorForm(),
        reader_form=reader_form or ReaderForm(),
        new_token=new_token,
    ), status


@bp.get("/sites/<int:site_pk>")
def site_detail(site_pk):
    return _detail(get_owned_or_404(Site.of_prime(g.company), site_pk))


@bp.post("/sites/<int:site_pk>/subcontractors")
def subcontractor_add(site_pk):
    site = get_owned_or_404(Site.of_prime(g.company), site_pk)
    form = SubcontractorForm()
    if not form.validate_on_submit():
        return _detail(site, sub_form=form, status=400)
    company = Company.by_business_id(form.business_id.data)
    if company is None:
        form.business_id.errors.append(_("この事業者IDの登録済み事業者は見つかりません。"))
        return _detail(site, sub_form=form, status=400)
    try:
        SiteContract.invite(site, g.company, company)
    except ValueError as exc:
        form.business_id.errors.append(
            _("自社を下請にはできません。") if str(exc) == "self" else _("この事業者は既にこの現場に登録されています。")
        )
        return _detail(site, sub_form=form, status=400)
    flash(_("%(name)s を一次下請として招待しました。先方の承認で施工体制に加わります。", name=company.name), "success")
    return redirect(url_for("prime.site_detail", site_pk=site.id))


@bp.post("/sites/<int:site_pk>/readers")
def reader_add(site_pk):
    site = get_owned_or_404(Site.of_prime(g.company), site_pk)
    form = ReaderForm()
    if not form.validate_on_submit():
        return _detail(site, reader_form=form, status=400)
    _reader, token = CardReader.register(site, form.name.data)
    return _detail(site, new_token=token)


@bp.get("/sites/<int:site_pk>/daily")
def site_daily(site_pk):
    site = get_owned_or_404(Site.of_prime(g.company), site_pk)
    asked = day_param(request.args.get("date"), today())
    if asked.adjusted:
        flash(_("%(first)s から %(last)s までの日付を指定してください。", first=FIRST_DAY, last=LAST_DAY), "info")
    records = list(WorkRecord.of_site_day(site, asked.day))
    return render_template(
        "prime/site_daily.html",
        site=site,
        day=asked.day,
        records=records,
        prev_day=asked.prev_day,
        next_day=asked.next_day,
    )
