"""事業者登録の更新 (更新申請): the validity, the fee in force and the payment method; the rules are in
models/billing/renewals.py."""

from flask import flash, g, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from blueprints.apply.payment_forms import SubmitPaymentForm
from blueprints.company import bp
from blueprints.shared.printouts import payment_provider
from models.billing.renewals import (
    RenewalError,
    extended_validity,
    file_renewal,
    open_renewal,
    renewal_fee,
    renewal_opens_on,
)
from models.core.clock import today as business_day
from models.core.dates import RENEWAL_WINDOW_MONTHS

REFUSALS = {
    "not_registered": _l("事業者登録料の入金が確認された後に、有効期間と更新のご案内を表示します。"),
    "too_early": _l("事業者登録の更新は、有効期限の%(months)dか月前から申請できます。", months=RENEWAL_WINDOW_MONTHS),
    "already_open": _l("更新の登録料のお支払いを待っています。お支払いが確認されると有効期間を延長します。"),
}


def _page(form=None, status=200):
    company, today = g.company, business_day()
    fee, _scheme = renewal_fee(company, today)
    form = form or SubmitPaymentForm(payment_provider().methods, payment_method="konbini")
    return render_template(
        "company/registration_renew.html",
        company=company,
        today=today,
        fee=fee,
        opens_on=renewal_opens_on(company),
        new_valid_until=extended_validity(company, today) if company.registration_valid_until else None,
        open_invoice=open_renewal(company),
        submit_pay_form=form,
    ), status


@bp.get("/registration/renew")
def registration_renewal_form():
    return _page()


@bp.post("/registration/renew")
def registration_renewal():
    form = SubmitPaymentForm(payment_provider().methods)
    if renewal_fee(g.company, business_day())[0] and not form.validate():
        return _page(form, 400)
    try:
        invoice = file_renewal(g.company, current_user._get_current_object(), business_day(), form.payment_method.data)
    except RenewalError as exc:
        flash(str(REFUSALS[exc.code]), "error")
        return redirect(url_for("company.registration_renewal_form"), 303)
    if invoice.paid:
        flash(_("事業者登録を更新しました。"), "success")
        return redirect(url_for("company.dashboard"), 303)
    flash(_("更新申請を受け付けました。事業者登録料をお支払いいただくと、有効期間を延長します。"), "success")
    return redirect(url_for("apply.invoice_detail", invoice_id=invoice.id), 303)
