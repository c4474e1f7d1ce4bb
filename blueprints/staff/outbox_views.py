"""送信待ちメール: mail the outbox has not sent yet, with its attempts and last error, and a retry."""

from flask import redirect, render_template, request, url_for
from flask_babel import gettext as _

from blueprints.shared.helpers import page_or_fragment
from blueprints.staff import bp
from models.core.base import get_owned_or_404
from models.core.outbox import OutboxMail
from models.core.pagination import Page
from tasks.mail import deliver_mail


@bp.get("/outbox")
def outbox():
    page = Page(OutboxMail.unsent(), request.args.get("page"))
    return render_template("staff/outbox.html", page=page)


@bp.post("/outbox/<int:mail_id>/retry")
def outbox_retry(mail_id):
    mail = get_owned_or_404(OutboxMail.select(), mail_id)
    if mail.sent_at is None:
        mail.retry_now()
        deliver_mail(mail.id)
    mail = OutboxMail.get_by_id(mail.id)
    said = _("送信しました。") if mail.sent_at else _("再送を受け付けました。結果はこの一覧に表示されます。")
    return page_or_fragment(
        redirect(url_for("staff.outbox")), "staff/partials/_outbox_row.html", page_flash=said, mail=mail
    )
