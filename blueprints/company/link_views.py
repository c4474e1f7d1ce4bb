"""所属技能者 from the company's side: 関連付け (Q4-3, Q2-6) by 技能者ID with the worker's agreement,
answering workers' proposals, and 退職 (Q1-16), which ends the affiliation and keeps all history."""

from flask import flash, g, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from blueprints.company import bp
from blueprints.company.change_forms import LinkWorkerForm, RetireForm
from blueprints.shared import link_actions
from blueprints.shared.link_actions import LinkSide
from models.core.base import get_owned_or_404
from models.registration.changes import LinkRequest, affiliations_of, current_affiliations_of, retire, worker_by_id


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


@bp.get("/affiliations")
def affiliations():
    return _page()


SIDE = LinkSide(
    name="company",
    form=LinkWorkerForm,
    id_field="worker_id",
    find=worker_by_id,
    not_found=_l("この技能者IDの登録済み技能者は見つかりません。"),
    # The worker's name stays hidden until they agree: only the ID typed is repeated here.
    proposed=lambda worker, company: _(
        "技能者ID %(id)s に関連付けを申し込みました。技能者が承認すると所属技能者に加わります。",
        id=worker.worker_id,
    ),
    answered={
        "accept": lambda link: _("関連付けを承認しました。作業員名簿に登録できます。"),
        "decline": lambda link: _("申し込みを辞退しました。"),
        "withdraw": lambda link: _("申し込みを取り下げました。"),
    },
    home="company.affiliations",
)


link_actions.register(bp, SIDE, _page)


def _retire_page(affiliation, form, status=200):
    return render_template("company/retire.html", affiliation=affiliation, worker=affiliation.worker, form=form), status


@bp.get("/affiliations/<int:affiliation_id>/retire")
def retire_form(affiliation_id):
    affiliation = get_owned_or_404(current_affiliations_of(g.company), affiliation_id)
    return _retire_page(affiliation, RetireForm(affiliation))


@bp.post("/affiliations/<int:affiliation_id>/retire")
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
