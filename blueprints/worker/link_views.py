"""所属事業者 and 関連付け (Q4-3, Q2-6) from the worker's side: propose to a company by its 事業者ID,
answer a company's proposal; former employers (退職, Q1-16) stay listed."""

from flask import g, render_template
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from blueprints.shared import link_actions
from blueprints.shared.link_actions import LinkSide
from blueprints.worker import bp
from blueprints.worker.change_forms import LinkCompanyForm
from models.accounts.companies import Company
from models.registration.changes import LinkRequest, past_affiliations


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
    not_found=_l("この事業者IDの登録済み事業者は見つかりません。"),
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


link_actions.register(bp, SIDE, _page)
