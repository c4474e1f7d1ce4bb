"""The worker's card (建設キャリアアップカード): its record, a printable front, and the requests to
reissue it (Q1-8) or change it to a gold card (Q1-15)."""

from flask import abort, flash, g, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from blueprints.shared.printouts import card_pdf, card_png
from blueprints.worker import bp
from blueprints.worker.card_forms import GoldForm, ReissueForm
from models.billing.fees import card_reissue_fee
from models.cards.cards import Card, CardRequest, CardRequestError, renewal_fee
from models.cards.validity import valid_until_for
from models.core.clock import today as business_day
from models.core.dates import RENEWAL_WINDOW_MONTHS, renewal_opens_on

REFUSALS = {
    "already_open": _l("手続き中の申請があります。完了するまでお待ちください。"),
    "no_card": _l("再発行できるカードがありません。カードは登録料のお支払いを確認した後に発行されます。"),
    "expired": _l("有効期限が切れたカードは再発行できません。カードの更新を申し込んでください。"),
    "already_gold": _l("カードは既にゴールド（レベル4）です。"),
    "too_early": _l("カードの更新は、有効期限の%(months)dか月前から申し込めます。", months=RENEWAL_WINDOW_MONTHS),
    "no_account": _l("お支払いにはログインIDが必要です。事業者または窓口にお問い合わせください。"),
}
FORMS = {"reissue": (ReissueForm, "worker/card_reissue.html"), "gold": (GoldForm, "worker/card_gold.html")}


def _current_card_or_404():
    card = Card.current_for(g.worker)
    if card is None:
        abort(404)
    return card


@bp.get("/card")
def card_detail():
    worker = g.worker
    return render_template(
        "worker/card.html",
        worker=worker,
        card=Card.current_for(worker),
        cards=list(Card.of_worker(worker)),
        requests=list(CardRequest.of_worker(worker)),
    )


@bp.get("/card/front.png")
def card_image():
    return card_png(_current_card_or_404())


@bp.get("/card/card.pdf")
def card_print():
    return card_pdf(_current_card_or_404())


def _request_page(kind, form=None, status=200):
    form_class, template = FORMS[kind]
    return render_template(
        template,
        form=form or form_class(),
        card=Card.latest_for(g.worker),
        pending=CardRequest.open_of(g.worker, kind),
        fee=card_reissue_fee(business_day())[0],
    ), status


def _file_request(kind):
    form = FORMS[kind][0]()
    if not form.validate_on_submit():
        return _request_page(kind, form, 400)
    try:
        CardRequest.file(
            g.worker,
            kind,
            form.reason.data,
            form.detail.data or "",
            business_day(),
            actor=current_user._get_current_object(),
        )
    except CardRequestError as exc:
        flash(str(REFUSALS.get(exc.code, REFUSALS["already_open"])), "error")
        return _request_page(kind, form, 400)
    flash(_("申請を受け付けました。手続きの進み具合はこの画面でご確認いただけます。"), "success")
    return redirect(url_for("worker.card_detail"), 303)


@bp.get("/card/reissue")
def card_reissue_form():
    return _request_page("reissue")


@bp.post("/card/reissue")
def card_reissue():
    return _file_request("reissue")


@bp.get("/card/gold")
def card_gold_form():
    return _request_page("gold")


@bp.post("/card/gold")
def card_gold():
    return _file_request("gold")


def _renewal_page(status=200):
    worker, today = g.worker, business_day()
    card = Card.latest_for(worker)
    fee, scheme = renewal_fee(worker, today)
    return render_template(
        "worker/card_renew.html",
        card=card,
        today=today,
        fee=fee,
        new_valid_until=valid_until_for(worker, today, scheme),
        opens_on=renewal_opens_on(card.valid_until) if card else None,
        window_months=RENEWAL_WINDOW_MONTHS,
        open_request=CardRequest.open_of(worker, "renewal"),
    ), status


@bp.get("/card/renew")
def card_renewal_form():
    return _renewal_page()


@bp.post("/card/renew")
def card_renewal():
    try:
        CardRequest.file_renewal(g.worker, business_day(), actor=current_user._get_current_object())
    except CardRequestError as exc:
        flash(str(REFUSALS.get(exc.code, REFUSALS["already_open"])), "error")
        return redirect(url_for("worker.card_renewal_form"), 303)
    flash(_("カードの更新を受け付けました。登録料をお支払いいただくと、新しいカードを作成して郵送します。"), "success")
    return redirect(url_for("worker.card_detail"), 303)
