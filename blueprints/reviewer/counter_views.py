"""窓口申請: staff register an application taken at a counter or on paper (the paper channel), with the
face check they made (seed Q4-6/Q5-2); it then waits in the review queue like any other."""

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from blueprints.reviewer import bp
from blueprints.reviewer.counter_forms import CounterIntakeForm
from blueprints.shared.attachments import attachment_error_message
from models.accounts.employers import EmployerError
from models.billing.fees import worker_registration_fee
from models.core.clock import today
from models.registration.attachments import AttachmentError
from models.registration.counter import CounterError, take_counter_application

REFUSALS = {
    "face_check": ("face_checked", _l("顔写真のない本人確認書類では、窓口での顔の照合が必要です。")),
    "face_photo": ("face_photo", _l("顔写真を添付してください（カードに印刷します）。")),
    "id_image": ("id_image", _l("本人確認書類の画像を添付してください。")),
}


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
    files = {
        p: (f.data.read(), f.data.filename)
        for p, f in (("id_document", form.id_image), ("face_photo", form.face_photo))
        if f.data
    }
    try:
        application = take_counter_application(
            current_user._get_current_object(),
            form.office.data,
            form.worker_values(),
            form.face_checked.data,
            files,
            form.employer_id.data or "",
            form.note.data or "",
        )
    except CounterError as exc:
        name, message = REFUSALS[exc.code]
        form[name].errors.append(message)
        return _page(form, 400)
    except EmployerError:
        form.employer_id.errors.append(_("この事業者IDの登録済み事業者は見つかりません。番号を確かめてください。"))
        return _page(form, 400)
    except AttachmentError as exc:
        form.face_photo.errors.append(attachment_error_message(exc.code))
        return _page(form, 400)
    flash(_("窓口申請を受け付けました。審査待ちの一覧に入りました。"), "success")
    return redirect(url_for("reviewer.application_detail", app_id=application.id), 303)
