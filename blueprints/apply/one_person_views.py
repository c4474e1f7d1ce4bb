"""A one-person operator's (一人親方) pair of applications in linear steps, each saved with 保存して次へ:
本人情報 + 住所 (which starts both drafts), 職種 + both halves' insurance, every document on one page,
then one review of both halves with the agreement to the texts and one submit. What the pages
show is built in one_person_pages.py; the rules are in models/registration/one_person.py."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from blueprints.apply import bp
from blueprints.apply.agreement import posted_agreement, refused_url
from blueprints.apply.one_person_forms import PersonForm
from blueprints.apply.one_person_pages import BINDERS, PAGE, STEPS, review_context, start_form, step_context
from blueprints.apply.one_person_saves import SAVES
from blueprints.apply.payment_views import chosen_payment_method
from blueprints.apply.worker_views import SUBMITTED, already_started
from models.core.base import get_owned_or_404
from models.registration import one_person as pair_rules
from models.registration.applications import Application
from models.registration.completeness import IncompleteError
from models.registration.consents import ConsentError

NEXT = {"person": "work", "work": "documents", "documents": "review"}


def _pair(app_id):
    """The worker half of the applicant's own pair while it is an unsent draft; else None."""
    query = Application.of_applicant(current_user).where(Application.kind == "worker")
    application = get_owned_or_404(query, app_id)
    if application.partner_id is None:
        abort(404)
    return application if application.status == "draft" else None


def _elsewhere(app_id):
    """A sent pair: a returned one is fixed field by field, the others are read on the portal."""
    application = Application.get_by_id(app_id)
    if application.status == "returned":
        return redirect(url_for("apply.worker_overview", app_id=app_id))
    flash(_("この申請は送信済みのため、内容は変更できません。"), "info")
    return redirect(url_for("apply.portal"))


def _next_url(application, step):
    following = "review" if request.args.get("back") == "review" else NEXT[step]
    if following == "review":
        return url_for("apply.one_person_review", app_id=application.id)
    return url_for("apply.one_person_step", app_id=application.id, step=following)


@bp.get("/one-person")
def one_person_form():
    existing = current_user.worker
    if existing is not None:
        draft = Application.get_or_none((Application.worker == existing) & (Application.status == "draft"))
        if draft is not None and draft.partner_id is not None:
            return redirect(url_for("apply.one_person_step", app_id=draft.id, step="person"))
        return already_started()
    return render_template(PAGE, **step_context(None, "person", form=start_form()))


@bp.post("/one-person")
def one_person():
    if current_user.worker is not None:
        return already_started()
    form = PersonForm()
    if not form.validate_on_submit():
        return render_template(PAGE, **step_context(None, "person", form=form)), 400
    values = form.worker_values(name for name in form.data if name not in ("trade_name", "trade_name_kana"))
    application = pair_rules.start(current_user, values, form.trade_name.data or "", form.trade_name_kana.data or "")
    return redirect(url_for("apply.one_person_step", app_id=application.id, step="work"))


def _step(app_id, step):
    """(the draft pair, None), or (None, where a sent one goes); an unknown step is 404."""
    if step not in STEPS:
        abort(404)
    application = _pair(app_id)
    return application, None if application is not None else _elsewhere(app_id)


@bp.get("/one-person/<int:app_id>/<step>")
def one_person_step(app_id, step):
    application, elsewhere = _step(app_id, step)
    return elsewhere or render_template(PAGE, **step_context(application, step))


@bp.post("/one-person/<int:app_id>/<step>")
def one_person_step_save(app_id, step):
    application, elsewhere = _step(app_id, step)
    if elsewhere:
        return elsewhere
    forms = BINDERS[step](application, posted=True)
    if not SAVES[step](application, **forms):
        return render_template(PAGE, **step_context(application, step, **forms)), 400
    return redirect(_next_url(application, step))


@bp.get("/one-person/<int:app_id>/review")
def one_person_review(app_id):
    """The combined review; once sent, the same page read-only (a returned pair is fixed field by field)."""
    application = _pair(app_id)
    if application is None:
        sent = Application.get_by_id(app_id)
        if sent.status == "returned":
            return _elsewhere(app_id)
        return render_template("apply/one_person_review.html", **review_context(sent, read_only=True))
    context = review_context(application, payment_missing=request.args.get("payment") == "missing")
    return render_template("apply/one_person_review.html", **context)


@bp.post("/one-person/<int:app_id>/submit")
def one_person_submit(app_id):
    application = _pair(app_id)
    if application is None:
        return _elsewhere(app_id)
    agreed = posted_agreement()
    method, pay_form = chosen_payment_method(application)
    if pay_form is not None and agreed == {"privacy", "terms"}:
        return redirect(url_for("apply.one_person_review", app_id=app_id, payment="missing", _anchor="consent"))
    try:
        pair_rules.submit_pair(application, current_user._get_current_object(), agreed, method)
    except ConsentError:
        return redirect(refused_url("apply.one_person_review", app_id=app_id))
    except IncompleteError:
        flash(_("未入力・要確認の項目があるため、まだ申請できません。"), "error")
        return redirect(url_for("apply.one_person_review", app_id=app_id))
    flash(str(SUBMITTED["pair"]), "success")
    return redirect(url_for("apply.portal"))
