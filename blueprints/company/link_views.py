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
from models.accounts.logins import FirstLoginError, first_login_issuable, issue_first_login
from models.accounts.shown_tokens import ShownToken
from models.core.base import get_owned_or_404
from models.registration.changes import LinkRequest, affiliations_of, current_affiliations_of, retire, worker_by_id


def _page(form=None, status=200):
    company = g.company
    links = list(LinkRequest.of_company(company))
    rows = list(affiliations_of(company))
    current = [a for a in rows if a.ended_on is None]
    return render_template(
        "company/affiliations.html",
        company=company,
        form=form or LinkWorkerForm(),
        current=current,
        login_issuable=first_login_issuable([a.worker for a in current]),
        retired=[a for a in rows if a.ended_on is not None],
        received=[r for r in links if r.status == "pending" and r.proposed_by == "worker"],
        sent=[r for r in links if r.proposed_by == "company"],
        first_logins=list(ShownToken.waiting(current_user, company, "first_login")),
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


FIRST_LOGIN_REFUSED = {
    "not_registered": _l("技能者IDが発行されてから、ログインを発行できます。"),
    "own_mail": _l(
        "この技能者はメールアドレスでログインしています。パスワードは「パスワードを忘れた場合」から再設定します。"
    ),
}


@bp.post("/affiliations/<int:affiliation_id>/login")
def first_login_issue(affiliation_id):
    """Q1-10: the 技能者ID and an issued password for a worker without e-mail, shown here until dismissed."""
    affiliation = get_owned_or_404(current_affiliations_of(g.company), affiliation_id)
    worker = affiliation.worker
    try:
        password = issue_first_login(worker)
    except FirstLoginError as refused:
        flash(str(FIRST_LOGIN_REFUSED[refused.code]), "error")
        return redirect(url_for("company.affiliations"))
    ShownToken.keep(current_user._get_current_object(), g.company, "first_login", worker.id, worker.full_name, password)
    return redirect(url_for("company.affiliations"))


@bp.post("/affiliations/logins/<int:shown_id>/dismiss")
def first_login_dismiss(shown_id):
    get_owned_or_404(ShownToken.waiting(current_user, g.company, "first_login"), shown_id).delete_instance()
    return redirect(url_for("company.affiliations"))
