"""事業者の変更申請 (820_変更 → 10_変更申請, Q2-1)."""

from flask import g

from blueprints.company import bp
from blueprints.company.change_forms import CompanyChangeForm
from blueprints.shared import changeforms
from models.core.base import get_owned_or_404
from models.registration.changes import ChangeRequest


@bp.get("/changes")
def change_index():
    return changeforms.index("company", g.company, list(ChangeRequest.of_company(g.company)), "company")


@bp.get("/changes/new")
def change_new():
    section = changeforms.chosen_section("company")
    return changeforms.new(CompanyChangeForm(section, g.company), "company", section, "company")


@bp.post("/changes/new")
def change_submit():
    section = changeforms.chosen_section("company")
    return changeforms.post(CompanyChangeForm(section, g.company), "company", section, g.company, "company")


@bp.get("/changes/<int:change_id>")
def change_detail(change_id):
    return changeforms.detail(get_owned_or_404(ChangeRequest.of_company(g.company), change_id), "company")
