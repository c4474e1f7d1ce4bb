"""お問い合わせ: 入力 → 確認 → 送信 (the seed's 「確認」 button), stored, with a copy mailed to the sender."""

from flask import current_app, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user

from blueprints.public import bp
from blueprints.public.inquiry_forms import InquiryForm
from blueprints.shared import confirmflow
from extensions import db, limiter
from models.support import faq as faq_data
from models.support.inquiries import Inquiry
from tasks import notices


def _not_sending():
    return request.form.get("step") != "send"


def _page(template, form, status=200):
    return render_template(template, form=form, contact=faq_data.contacts()["inquiry"]), status


@bp.get("/inquiry")
def inquiry_form():
    prefill = {"category": request.args.get("category", "")}
    if current_user.is_authenticated:
        prefill.update(name=current_user.display_name, email=current_user.email, email_again=current_user.email)
    return _page("public/inquiry.html", InquiryForm(**prefill))


@bp.post("/inquiry")
@limiter.limit(lambda: current_app.config["RATELIMIT_INQUIRY_IP"], exempt_when=_not_sending, scope="inquiry-ip")
def inquiry_submit():
    form = InquiryForm()
    chosen = confirmflow.step(form)
    if chosen == "edit":
        return _page("public/inquiry.html", form, 400 if form.errors else 200)
    if chosen == "confirm":
        return _page("public/inquiry_confirm.html", form)
    values = form.values()
    if Inquiry.too_many_from(values["email"]):
        form.email.errors.append(
            _(
                "このメールアドレスからのお問い合わせが1時間に3件を超えました。時間をおいて送信するか、お電話でお問い合わせください。"
            )
        )
        return _page("public/inquiry.html", form, 429)
    with db.atomic():
        inquiry = Inquiry.create(**values)
        # The copy carries the reference and a link, never the text typed in (the form is no mail relay).
        notices.inquiry_copy(inquiry.id, lang=session.get("lang", "ja"))
    session["inquiry_ref"] = inquiry.reference
    return redirect(url_for("public.inquiry_sent"))


@bp.get("/inquiry/sent")
def inquiry_sent():
    return render_template(
        "public/inquiry_sent.html",
        reference=session.get("inquiry_ref"),
        contact=faq_data.contacts()["inquiry"],
    )
