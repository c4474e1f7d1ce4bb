"""技能者の変更申請 (350_変更 → 10_変更申請, Q2-1)."""

from flask import g

from blueprints.shared import changeforms
from blueprints.worker import bp
from blueprints.worker.change_forms import WorkerChangeForm
from models.core.base import get_owned_or_404
from models.registration.changes import ChangeRequest


@bp.get("/changes")
def change_index():
    return changeforms.index("worker", g.worker, list(ChangeRequest.of_worker(g.worker)), "worker")


@bp.get("/changes/new")
def change_new():
    section = changeforms.chosen_section("worker")
    return changeforms.new(WorkerChangeForm(section, g.worker), "worker", section, "worker")


@bp.post("/changes/new")
def change_submit():
    section = changeforms.chosen_section("worker")
    return changeforms.post(WorkerChangeForm(section, g.worker), "worker", section, g.worker, "worker")


@bp.get("/changes/<int:change_id>")
def change_detail(change_id):
    return changeforms.detail(get_owned_or_404(ChangeRequest.of_worker(g.worker), change_id), "worker")
