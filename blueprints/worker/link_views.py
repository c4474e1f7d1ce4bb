"""所属事業者 and 関連付け (Q4-3, Q2-6) from the worker's side: propose to a company by its 事業者ID,
answer a company's proposal; former employers (退職, Q1-16) stay listed."""

from flask import g, redirect, render_template, url_for
from flask_babel import gettext as _

from blueprints.shared import link_actions
from blueprints.shared.link_actions import LinkSide
from blueprints.worker import bp
from blueprints.worker.change_forms import LinkCompanyForm
from models.changes import LinkRequest, past_affiliations
from models.companies import Company


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


SIDE = LinkSide(
    name="worker",
    form=LinkCompanyForm,
    id_field="business_id",
    find=Company.by_business_id,
    not_found=lambda: _("この事業者IDの登録済み事業者は見つかりません。"),
    proposed=lambda worker, company: _(
        "%(name)s に関連付けを申し込みました。事業者が承認すると所属事業者に加わります。", name=company.name
    ),
    answered={
        "accept": lambda link: _("%(name)s との関連付けを承認しました。", name=link.company.name),
        "decline": lambda link: _("%(name)s からの申し込みを辞退しました。", name=link.company.name),
        "withdraw": lambda link: _("%(name)s への申し込みを取り下げました。", name=link.company.name),
    },
    home="worker.affiliations",
)


@bp.get("/links")
def links():
    """A reload or language switch after a refused proposal lands on the affiliations page."""
    return redirect(url_for(SIDE.home))


@bp.post("/links")
def link_propose():
    return link_actions.propose(SIDE, _page)


@bp.post("/links/<int:link_id>/accept")
def link_accept(link_id):
    return link_actions.answer(SIDE, link_id, "accept")


@bp.post("/links/<int:link_id>/decline")
def link_decline(link_id):
    return link_actions.answer(SIDE, link_id, "decline")


@bp.post("/links/<int:link_id>/withdraw")
def link_withdraw(link_id):
    return link_actions.answer(SIDE, link_id, "withdraw")
