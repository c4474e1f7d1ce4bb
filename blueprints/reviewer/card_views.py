"""Staff desk for cards: the print-and-post queue, and reissue (Q1-8) and gold-card (Q1-15) requests
moved along their steps."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from blueprints.reviewer import bp
from blueprints.reviewer.card_forms import CardRejectForm, CardStepForm
from blueprints.shared.printouts import card_pdf
from extensions import db
from models.cards.cards import Card, CardRequest, CardRequestError, mail_card
from models.core.base import get_owned_or_404
from models.core.clock import today as business_day
from models.core.pagination import Page
from tasks import notices

REFUSALS = {
    "unpaid": _l("手数料の入金が確認できないため、カードを作成できません。入金を記録してから操作してください。"),
    "step": _l("この申請は既に次の段階に進んでいます。画面を更新してください。"),
    "moved": _l("この申請は既に次の段階に進んでいます。画面を更新してください。"),
    "closed": _l("この申請は完了しているか、却下されています。"),
    "paid": _l("手数料の入金が済んでいるため却下できません。カードを作成してください。"),
    "no_account": _l("技能者のログインIDがないため、支払いの案内を送れません。"),
}


def _staff():
    return current_user._get_current_object()


@bp.get("/cards")
def cards_to_mail():
    return render_template("reviewer/cards.html", cards=Page(Card.to_mail(), request.args.get("page")))


@bp.get("/cards/<int:card_id>/card.pdf")
def card_print(card_id):
    return card_pdf(get_owned_or_404(Card.select(), card_id))


@bp.post("/cards/<int:card_id>/mailed")
def card_mailed(card_id):
    card = get_owned_or_404(Card.select(), card_id)
    with db.atomic():
        if mailed := mail_card(card, _staff(), business_day()):
            notices.card_mailed(card.id)
    if mailed:
        flash(_("%(name)s さんのカードを郵送済みにしました。", name=card.worker.full_name), "success")
    else:
        flash(_("このカードは既に郵送済みか、無効になっています。"), "info")
    return redirect(url_for("reviewer.cards_to_mail"), 303)


@bp.get("/card-requests")
def card_requests():
    return render_template(
        "reviewer/card_requests.html", requests=list(CardRequest.open_requests()), reject_form=CardRejectForm()
    )


@bp.post("/card-requests/<int:request_id>/advance")
def card_request_advance(request_id):
    card_request = get_owned_or_404(CardRequest.select(), request_id)
    form = CardStepForm()
    if not form.validate_on_submit():
        flash(_("操作をもう一度お試しください。"), "error")
        return redirect(url_for("reviewer.card_requests"), 303)
    try:
        with db.atomic():
            card_request.advance(form.to.data, _staff(), business_day())
            notices.card_request_advanced(card_request.id)
    except CardRequestError as exc:
        flash(str(REFUSALS.get(exc.code, REFUSALS["step"])), "error")
        return redirect(url_for("reviewer.card_requests"), 303)
    flash(_("%(name)s さんの申請を進めました。", name=card_request.worker.full_name), "success")
    return redirect(url_for("reviewer.card_requests"), 303)


@bp.post("/card-requests/<int:request_id>/reject")
def card_request_reject(request_id):
    card_request = get_owned_or_404(CardRequest.select(), request_id)
    form = CardRejectForm()
    if not form.validate_on_submit():
        return render_template(
            "reviewer/card_requests.html",
            requests=list(CardRequest.open_requests()),
            reject_form=form,
            failed_id=card_request.id,
        ), 400
    try:
        with db.atomic():
            card_request.reject(_staff(), form.note.data)
            notices.card_request_rejected(card_request.id)
    except CardRequestError as exc:
        flash(str(REFUSALS.get(exc.code, REFUSALS["closed"])), "error")
        return redirect(url_for("reviewer.card_requests"), 303)
    flash(_("%(name)s さんの申請を却下しました。", name=card_request.worker.full_name), "info")
    return redirect(url_for("reviewer.card_requests"), 303)
