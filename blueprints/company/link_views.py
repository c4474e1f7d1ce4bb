"""所属技能者 from the company's side: 関連付け (Q4-3, Q2-6) by 技能者ID with the worker's agreement,
answering workers' proposals, and 退職 (Q1-16), which ends the affiliation and keeps all history."""

import datetime as dt

from flask import flash, g, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from blueprints.company import bp
from blueprints.company.admin_gate import admins_only
from blueprints.company.change_forms import LinkWorkerForm, RetireForm
from blueprints.shared.changeforms import LINK_ERRORS
from models.base import get_owned_or_404
from models.changes import LinkError, LinkRequest, affiliations_of, current_affiliations_of, retire, worker_by_id
from models.notices import worker_contact
from tasks.mail import send_mail
from tasks.urls import external_url


def _page(form=None, status=200):
    company = g.company
    links = list(LinkRequest.of_company(company))
    rows = list(affiliations_of(company))
    return render_template(
        "company/affiliations.html",
        company=company,
        form=form or LinkWorkerForm(),
        current=[a for a in rows if a.ended_on is None],
        retired=[a for a in rows if a.ended_on is not None],
        received=[r for r in links if r.status == "pending" and r.proposed_by == "worker"],
        sent=[r for r in links if r.proposed_by == "company"],
    ), status


def _mail_worker(worker, template, **context):
    email, lang = worker_contact(worker)
    if email:
        send_mail(
            email,
            template,
            lang=lang,
            name=worker.full_name,
            other=g.company.name,
            url=external_url("worker.affiliations"),
            **context,
        )


@bp.get("/affiliations")
@admins_only
def affiliations():
    return _page()


@bp.post("/links")
@admins_only
def link_propose():
    form = LinkWorkerForm()
    if not form.validate_on_submit():
        return _page(form, 400)
    worker = worker_by_id(form.worker_id.data)
    if worker is None:
        form.worker_id.errors.append(_("この技能者IDの登録済み技能者は見つかりません。"))
        return _page(form, 400)
    try:
        LinkRequest.propose(worker, g.company, "company", form.kind.data)
    except LinkError as exc:
        form.worker_id.errors.append(LINK_ERRORS[exc.code]())
        return _page(form, 400)
    _mail_worker(worker, "link_proposed", other_id=g.company.business_id)
    # The worker's name stays hidden until they agree: only the ID typed is repeated here.
    flash(
        _(
            "技能者ID %(id)s に関連付けを申し込みました。技能者が承認すると所属技能者に加わります。",
            id=worker.worker_id,
        ),
        "success",
    )
    return redirect(url_for("company.affiliations"))


def _answer(link_id, action):
    link = get_owned_or_404(LinkRequest.of_company(g.company), link_id)
    try:
        link.answer(action, "company", dt.date.today(), actor=current_user._get_current_object())
    except LinkError as exc:
        flash(LINK_ERRORS[exc.code](), "error")
        return redirect(url_for("company.affiliations"))
    if action != "withdraw":
        _mail_worker(link.worker, "link_answered", accepted=action == "accept")
    flash(
        {
            "accept": _("関連付けを承認しました。作業員名簿に登録できます。"),
            "decline": _("申し込みを辞退しました。"),
            "withdraw": _("申し込みを取り下げました。"),
        }[action],
        "success",
    )
    return redirect(url_for("company.affiliations"))


@bp.post("/links/<int:link_id>/accept")
@admins_only
def link_accept(link_id):
    return _answer(link_id, "accept")


@bp.post("/links/<int:link_id>/decline")
@admins_only
def link_decline(link_id):
    return _answer(link_id, "decline")


@bp.post("/links/<int:link_id>/withdraw")
@admins_only
def link_withdraw(link_id):
    return _answer(link_id, "withdraw")


def _retire_page(affiliation, form, status=200):
    return render_template("company/retire.html", affiliation=affiliation, worker=affiliation.worker, form=form), status


@bp.get("/affiliations/<int:affiliation_id>/retire")
@admins_only
def retire_form(affiliation_id):
    affiliation = get_owned_or_404(current_affiliations_of(g.company), affiliation_id)
    return _retire_page(affiliation, RetireForm(affiliation))


@bp.post("/affiliations/<int:affiliation_id>/retire")
@admins_only
def retire_confirm(affiliation_id):
    affiliation = get_owned_or_404(current_affiliations_of(g.company), affiliation_id)
    form = RetireForm(affiliation)
    if not form.validate_on_submit():
        return _retire_page(affiliation, form, 400)
    retire(affiliation, form.ended_on.data, actor=current_user._get_current_object())
    flash(
        _("%(name)s の退職を登録しました。就業履歴はそのまま残ります。", name=affiliation.worker.full_name), "success"
    )
    return redirect(url_for("company.affiliations"))
