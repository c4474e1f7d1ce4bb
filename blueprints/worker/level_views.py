from flask import flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from blueprints.worker import bp
from models.cards.cards import Card, CardRequestError
from models.core.clock import today
from models.history.levels import apply_for_level, progress


@bp.get("/level")
def level():
    """What level the worker's records and qualifications support, and what the next level needs."""
    return render_template("worker/level.html", rows=progress(g.worker), card=Card.current_for(g.worker))


@bp.post("/level/apply")
def level_apply():
    """Apply for the level the data supports; the new card follows the card-request steps."""
    try:
        apply_for_level(g.worker, request.form.get("trade", ""), today(), current_user)
    except CardRequestError as e:
        message = (
            _("すでにレベル変更の申請があります。")
            if e.code == "already_open"
            else _("いまのデータではカードより高いレベルに届いていません。")
        )
        flash(message, "error")
        return redirect(url_for("worker.level"), 303)
    flash(_("レベル変更を申請しました。判定と手数料のお支払いのあと、新しい色のカードを作ります。"))
    return redirect(url_for("worker.card_detail"), 303)
