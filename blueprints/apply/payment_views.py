"""The payer's side of payment (申請者): pick a method, print the slip, download the receipt. Every
invoice the logged-in person owes is here, registration fees and card fees alike."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from blueprints.apply import bp
from blueprints.apply.payment_forms import CardPaymentForm, PaymentMethodForm, SubmitPaymentForm
from blueprints.shared.helpers import page_or_fragment
from blueprints.shared.printouts import payment_provider, receipt_pdf, slip_pdf
from extensions import db
from models.billing.payments import Invoice, PaymentError
from models.core.base import get_owned_or_404
from models.core.clock import today as business_day
from models.registration.settlement import pay_by_card
from tasks import notices
from tasks.urls import safe_next


def _own_invoice(invoice_id):
    return get_owned_or_404(Invoice.of_payer(current_user), invoice_id)


@bp.app_template_global()
def payment_method_form(invoice, next_url=None):
    """The method form for an invoice fragment included in any page (portal, card page)."""
    return PaymentMethodForm(
        invoice, payment_provider().methods, method=invoice.method or None, next=next_url or request.path
    )


def submit_payment_context(application, form=None):
    """The payment-method choice on a submit page: {} when there is no fee to pay."""
    amount, _scheme = application.expected_fee()
    if amount == 0:
        return {}
    if form is None:
        # Pre-selected (the convenience store unless chosen before, or just before a refused submit).
        chosen = request.args.get("payment_method") or application.payment_method or "konbini"
        form = SubmitPaymentForm(payment_provider().methods, payment_method=chosen)
    return {"submit_pay_form": form, "fee_preview": amount}


def chosen_payment_method(application):
    """(method, None) from the posted submit form, or (None, the form with its error) to show again;
    ("", None) when there is no fee to pay."""
    if application.expected_fee()[0] == 0:
        return "", None
    form = SubmitPaymentForm(payment_provider().methods)
    if form.validate():
        return form.payment_method.data, None
    if application.payment_method and not form.payment_method.raw_data:  # a resubmission keeps its choice
        return application.payment_method, None
    return None, form


@bp.app_template_global()
def card_payment_form(form=None):
    """The card form on an invoice paid by card, when the configured provider takes cards online."""
    return form or (CardPaymentForm() if payment_provider().online_card else None)


CARD_REFUSALS = {
    "card_number": ("card_number", _l("カード番号が正しくありません。番号を確かめてください。")),
    "expiry": ("expiry", _l("有効期限が正しくないか、期限が切れています（例: 12/29）。")),
    "declined": (
        "card_number",
        _l("カード会社がこのお支払いを承認しませんでした。別のカードか、ほかのお支払い方法をお選びください。"),
    ),
}


@bp.post("/invoices/<int:invoice_id>/card")
def invoice_card(invoice_id):
    invoice = _own_invoice(invoice_id)
    form = CardPaymentForm()
    if invoice.status != "open" or not payment_provider().online_card:
        flash(_("この請求は既にお支払い済みか、取り消されています。"), "info")
        return redirect(url_for("apply.invoice_detail", invoice_id=invoice.id), 303)
    if form.validate_on_submit():
        try:
            with db.atomic():
                pay_by_card(invoice, payment_provider(), form.card_number.data, form.expiry.data, business_day())
                notices.payment_recorded(invoice.id)
        except PaymentError as exc:
            name, message = CARD_REFUSALS.get(exc.code, CARD_REFUSALS["declined"])
            form[name].errors.append(message)
        else:
            flash(_("クレジットカードでのお支払いが完了しました。領収書を発行できます。"), "success")
            return redirect(url_for("apply.invoice_detail", invoice_id=invoice.id), 303)
    return render_template("apply/invoice.html", invoice=invoice, card_form=form), 400


@bp.app_template_global()
def payment_biller_number():
    return payment_provider().biller_number


@bp.get("/invoices/<int:invoice_id>")
def invoice_detail(invoice_id):
    return render_template("apply/invoice.html", invoice=_own_invoice(invoice_id))


@bp.post("/invoices/<int:invoice_id>/method")
def invoice_method(invoice_id):
    invoice = _own_invoice(invoice_id)
    form = PaymentMethodForm(invoice, payment_provider().methods)
    back = safe_next(form.next.data) or url_for("apply.invoice_detail", invoice_id=invoice.id)
    if invoice.status != "open":
        flash(_("この請求は既にお支払い済みか、取り消されています。"), "info")
        return redirect(back, 303)
    if not form.validate_on_submit():
        return page_or_fragment(
            "apply/invoice.html", "apply/partials/_invoice.html", status=400, invoice=invoice, pay_form=form
        )
    payment_provider().start(invoice, form.method.data, business_day())
    form = payment_method_form(invoice, next_url=form.next.data)
    return page_or_fragment(
        redirect(back, 303),
        "apply/partials/_invoice.html",
        page_flash=_("お支払い方法を受け付けました。払込票を印刷してお支払いください。"),
        invoice=invoice,
        pay_form=form,
        just_chosen=True,
    )


@bp.get("/invoices/<int:invoice_id>/slip.pdf")
def invoice_slip(invoice_id):
    invoice = _own_invoice(invoice_id)
    if invoice.status != "open":
        refusal = _("この請求は既にお支払い済みか、取り消されています。")
    elif not invoice.method:
        refusal = _("払込票は、お支払い方法を選んだ後に印刷できます。")
    elif invoice.overdue:
        refusal = _("お支払期限を過ぎています。お支払い方法を選び直すと、新しい払込票を印刷できます。")
    else:
        return slip_pdf(invoice)
    flash(refusal, "info")
    return redirect(url_for("apply.invoice_detail", invoice_id=invoice.id))


@bp.get("/invoices/<int:invoice_id>/receipt.pdf")
def invoice_receipt(invoice_id):
    invoice = _own_invoice(invoice_id)
    if not invoice.paid:
        flash(_("領収書は、入金を確認した後に発行します。"), "info")
        return redirect(url_for("apply.invoice_detail", invoice_id=invoice.id))
    return receipt_pdf(invoice)
