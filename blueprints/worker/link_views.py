"""所属事業者 and 関連付け (Q4-3, Q2-6) from the worker's side: propose to a company by its 事業者ID,
answer a company's proposal; former employers (退職, Q1-16) stay listed."""

import datetime as dt

from flask import flash, g, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from blueprints.shared.changeforms import LINK_ERRORS
from blueprints.worker import bp
from blueprints.worker.change_forms import LinkCompanyForm
from models.base import get_owned_or_404
from models.changes import LinkError, LinkRequest, company_admins, past_affiliations
from models.companies import Company
from tasks.mail import send_mail
from tasks.urls import external_url


def _page(form=None, status=200):
    worker = g.worker
    links = list(LinkRequest.of_worker(worker))
    return render_template(
        "worker/affiliations.html",
        worker=worker,
        form=form or LinkCompanyForm(),
        current=list(worker.current_affiliations()),
        past=list(past_affiliations(worker)),
        received=[r for r in links if r.status == "pending" and r.proposed_by == "company"],
        sent=[r for r in links if r.proposed_by == "worker"],
    ), status


@bp.get("/affiliations")
def affiliations():
    return _page()


@bp.post("/links")
def link_propose():
    form = LinkCompanyForm()
    if not form.validate_on_submit():
        return _page(form, 400)
    company = Company.by_business_id(form.business_id.data)
    if company is None:
        form.business_id.errors.append(_("この事業者IDの登録済み事業者は見つかりません。"))
        return _page(form, 400)
    try:
        LinkRequest.propose(g.worker, company, "worker", form.kind.data)
    except LinkError as exc:
        form.business_id.errors.append(LINK_ERRORS[exc.code]())
        return _page(form, 400)
    for admin in company_admins(company):
        send_mail(
            admin.email,
            "link_proposed",
            lang=admin.lang,
            name=admin.display_name,
            other=g.worker.full_name,
            other_id=g.worker.worker_id,
            url=external_url("company.affiliations"),
        )
    flash(
        _("%(name)s に関連付けを申し込みました。事業者が承認すると所属事業者に加わります。", name=company.name),
        "success",
    )
    return redirect(url_for("worker.affiliations"))


def _answer(link_id, action):
    link = get_owned_or_404(LinkRequest.of_worker(g.worker), link_id)
    try:
        link.answer(action, "worker", dt.date.today(), actor=current_user._get_current_object())
    except LinkError as exc:
        flash(LINK_ERRORS[exc.code](), "error")
        return redirect(url_for("worker.affiliations"))
    if action != "withdraw":
        for admin in company_admins(link.company):
            send_mail(
                admin.email,
                "link_answered",
                lang=admin.lang,
                name=admin.display_name,
                other=g.worker.full_name,
                accepted=action == "accept",
                url=external_url("company.affiliations"),
            )
    flash(
        {
            "accept": _("%(name)s との関連付けを承認しました。", name=link.company.name),
            "decline": _("%(name)s からの申し込みを辞退しました。", name=link.company.name),
            "withdraw": _("%(name)s への申し込みを取り下げました。", name=link.company.name),
        }[action],
        "success",
    )
    return redirect(url_for("worker.affiliations"))


@bp.post("/links/<int:link_id>/accept")
def link_accept(link_id):
    return _answer(link_id, "accept")


@bp.post("/links/<int:link_id>/decline")
def link_decline(link_id):
    return _answer(link_id, "decline")


@bp.post("/links/<int:link_id>/withdraw")
def link_withdraw(link_id):
    return _answer(link_id, "withdraw")
