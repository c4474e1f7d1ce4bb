"""Staff's inbox of public inquiries (お問い合わせ): search, read, close."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from blueprints.reviewer import bp
from models.core.base import get_owned_or_404
from models.core.pagination import Page
from models.support.inquiries import Inquiry


@bp.get("/inquiries")
def inquiries():
    status = "closed" if request.args.get("status") == "closed" else "open"
    query = request.args.get("q", "")
    return render_template(
        "reviewer/inquiries.html",
        inquiries=Page(Inquiry.inbox(status, query), request.args.get("page")),
        status=status,
        query=query,
    )


@bp.get("/inquiries/<int:inquiry_id>")
def inquiry_detail(inquiry_id):
    return render_template("reviewer/inquiry_detail.html", inquiry=get_owned_or_404(Inquiry.select(), inquiry_id))


@bp.post("/inquiries/<int:inquiry_id>/close")
def inquiry_close(inquiry_id):
    inquiry = get_owned_or_404(Inquiry.select(), inquiry_id)
    inquiry.close()
    flash(_("お問い合わせ %(ref)s を対応済みにしました。", ref=inquiry.reference), "success")
    return redirect(url_for("reviewer.inquiries"))
