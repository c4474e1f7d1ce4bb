"""窓口申請: staff register an application taken at a counter or on paper (the paper channel), with the
face check they made (seed Q4-6/Q5-2); it then waits in the review queue like any other."""

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from blueprints.reviewer import bp
from blueprints.reviewer.counter_forms import CounterIntakeForm
from blueprints.shared.attachments import attachment_error_message
from models.billing.fees import worker_registration_fee
from models.core.clock import today
from models.registration.counter import CounterError, take_counter_application

# by CounterError.part, for the codes missing and employer; a bad file speaks as every upload does
REFUSALS = {
    "face_checked": _l("顔写真のない本人確認書類では、窓口での顔の照合が必要です。"),
    "face_photo": _l("顔写真を添付してください（カードに印刷します）。"),
    "id_document": _l("本人確認書類の画像を添付してください。"),
    "employer_id": _l("この事業者IDの登録済み事業者は見つかりません。番号を確かめてください。"),
}


def _refusal(exc):
    return REFUSALS[exc.part] if exc.code in ("missing", "employer") else attachment_error_message(exc.code)


def _page(form, status=200):
    fee, _scheme = worker_registration_fee(today(), "paper")
    return render_template("reviewer/counter_new.html", form=form, fee=fee), status


@bp.get("/counter")
def counter_form():
    return _page(CounterIntakeForm())


@bp.post("/counter")
def counter_take():
    form = CounterIntakeForm()
    if not form.validate_on_submit():
        return _page(form, 400)
    try:
        application = take_counter_application(current_user._get_current_object(), **form.intake())
    except CounterError as exc:
        form.input_for(exc.part).errors.append(_refusal(exc))
        return _page(form, 400)
    flash(_("窓口申請を受け付けました。審査待ちの一覧に入りました。"), "success")
    return redirect(url_for("reviewer.application_detail", app_id=application.id), 303)
