"""Staff decisions on 変更申請 (Q2-1): approve (the new values are applied) or return with a note."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from blueprints.reviewer import bp
from blueprints.reviewer.change_forms import ReturnForm
from blueprints.shared.changeforms import rows
from extensions import db
from models.core.base import get_owned_or_404
from models.core.pagination import Page
from models.registration.changes import ChangeError, ChangeRequest
from tasks import notices


@bp.get("/changes")
def change_queue():
    return render_template("reviewer/change_queue.html", changes=Page(ChangeRequest.queue(), request.args.get("page")))


def _detail(change, form=None, status=200):
    return render_template(
        "reviewer/change_detail.html",
        change=change,
        rows=rows(change.kind, change.change_items()),
        form=form or ReturnForm(),
    ), status


@bp.get("/changes/<int:change_id>")
def change_review(change_id):
    return _detail(get_owned_or_404(ChangeRequest.select(), change_id))


@bp.post("/changes/<int:change_id>/approve")
def change_approve(change_id):
    change = get_owned_or_404(ChangeRequest.select(), change_id)
    return _decide(
        change,
        lambda: change.approve(current_user._get_current_object()),
        _l("%(name)s の変更申請を承認し、登録内容を変更しました。", name=change.subject_name),
    )


@bp.post("/changes/<int:change_id>/return")
def change_return(change_id):
    change = get_owned_or_404(ChangeRequest.select(), change_id)
    form = ReturnForm()
    if not form.validate_on_submit():
        return _detail(change, form, 400)
    return _decide(
        change,
        lambda: change.send_back(current_user._get_current_object(), form.note.data.strip()),
        _l("%(name)s の変更申請を差し戻しました。", name=change.subject_name),
    )


def _decide(change, act, done_message):
    """Applies a decision once; a second click finds it already decided and says so."""
    try:
        with db.atomic():
            act()
            notices.change_decided(change.id)
    except ChangeError:
        flash(_("この変更申請は既に処理されています。"), "info")
        return redirect(url_for("reviewer.change_queue"))
    flash(str(done_message), "success")
    return redirect(url_for("reviewer.change_queue"))
