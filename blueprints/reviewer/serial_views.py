"""Staff enrol a physical card's serial (FeliCa IDm or ISO 14443 UID) when they make the card: typed,
or read with the reader helper (`python -m hardware.helper --enrol` prints each card's serial)."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from blueprints.reviewer import bp
from blueprints.reviewer.serial_forms import SerialForm
from models.cards.cards import Card, CardSerialError
from models.core.base import get_owned_or_404
from models.core.pagination import Page

PROBLEMS = {
    "format": _l("シリアルは16進数で 8・14・16・20 桁です（FeliCa の IDm は16桁）。読み取り値を確かめてください。"),
    "taken": _l("このシリアルは別のカードに登録されています。カードを取り違えていないか確かめてください。"),
}


@bp.get("/cards/<int:card_id>/serial")
def card_serial_form(card_id):
    get_owned_or_404(Card.select(), card_id)
    return redirect(url_for("reviewer.cards_to_mail", _anchor=f"card-{card_id}"))


@bp.post("/cards/<int:card_id>/serial")
def card_serial(card_id):
    card = get_owned_or_404(Card.select(), card_id)
    form = SerialForm()
    if form.validate_on_submit():
        try:
            serial = card.enrol_serial(form.serial.data)
        except CardSerialError as exc:
            form.serial.errors = [str(PROBLEMS[exc.code])]
        else:
            flash(
                _(
                    "%(name)s さんのカードにシリアル %(serial)s を登録しました。",
                    name=card.worker.full_name,
                    serial=serial,
                ),
                "success",
            )
            return redirect(url_for("reviewer.cards_to_mail"), 303)
    cards = Page(Card.to_mail(), request.args.get("page"))
    return render_template("reviewer/cards.html", cards=cards, serial_forms={card.id: form}), 400
