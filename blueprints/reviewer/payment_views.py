"""Staff desk for payments: open invoices, search by 払込番号, record a payment, reprint a slip (Q1-4)."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from blueprints.reviewer import bp
from blueprints.reviewer.payment_forms import InvoiceSearchForm, RecordPaymentForm
from blueprints.shared.printouts import receipt_pdf, slip_pdf
from extensions import db
from models.billing.payments import Invoice
from models.core.base import get_owned_or_404
from models.core.clock import today as business_day
from models.core.pagination import Page
from models.registration.settlement import settle, slip_recipient
from tasks import notices


@bp.get("/invoices")
def invoices():
    form = InvoiceSearchForm(request.args)
    query, error = Invoice.search(form.q.data if form.validate() else "")
    if error == "check_digit":
        form.q.errors = [_("払込番号の確認用の数字が合いません。番号を確かめてください。")]
    elif error == "not_digits":
        form.q.errors = [_("払込番号は数字で入力してください。")]
    page = Page(query, request.args.get("page"))
    rows = [(invoice, slip_recipient(invoice)[0]) for invoice in page]
    return render_template("reviewer/invoices.html", form=form, page=page, rows=rows, searched=bool(form.q.data))


def _invoice_page(invoice, form, status=200):
    name, address = slip_recipient(invoice)
    return render_template(
        "reviewer/invoice_detail.html", invoice=invoice, form=form, payer_name=name, payer_address=address
    ), status


@bp.get("/invoices/<int:invoice_id>")
def invoice_detail(invoice_id):
    invoice = get_owned_or_404(Invoice.select(), invoice_id)
    today = business_day()
    return _invoice_page(invoice, RecordPaymentForm(invoice, today, paid_on=today))


@bp.post("/invoices/<int:invoice_id>/payment")
def invoice_record_payment(invoice_id):
    invoice = get_owned_or_404(Invoice.select(), invoice_id)
    today = business_day()
    form = RecordPaymentForm(invoice, today)
    if invoice.status == "cancelled":
        flash(_("取り消された請求には入金を記録できません。"), "error")
        return redirect(url_for("reviewer.invoice_detail", invoice_id=invoice.id), 303)
    if not form.validate_on_submit():
        return _invoice_page(invoice, form, 400)
    with db.atomic():
        if recorded := settle(invoice, current_user._get_current_object(), today, paid_on=form.paid_on.data):
            notices.payment_recorded(invoice.id)
    if recorded:
        flash(_("払込番号 %(ref)s の入金を記録しました。", ref=invoice.reference_display), "success")
    else:
        flash(_("この入金は既に記録されています。"), "info")
    return redirect(url_for("reviewer.invoice_detail", invoice_id=invoice.id), 303)


@bp.get("/invoices/<int:invoice_id>/slip.pdf")
def invoice_slip(invoice_id):
    invoice = get_owned_or_404(Invoice.select(), invoice_id)
    if invoice.status != "open" or not invoice.method:
        flash(_("支払方法が選ばれていない請求、またはお支払い済みの請求の払込票は印刷できません。"), "info")
        return redirect(url_for("reviewer.invoice_detail", invoice_id=invoice.id))
    return slip_pdf(invoice)


@bp.get("/invoices/<int:invoice_id>/receipt.pdf")
def invoice_receipt(invoice_id):
    invoice = get_owned_or_404(Invoice.select(), invoice_id)
    if not invoice.paid:
        flash(_("領収書は、入金を記録した後に発行できます。"), "info")
        return redirect(url_for("reviewer.invoice_detail", invoice_id=invoice.id))
    return receipt_pdf(invoice)
