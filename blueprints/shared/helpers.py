"""Helpers shared by several blueprints: htmx page-or-fragment rendering and role gates."""

from flask import Response, abort, flash, g, make_response, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_htmx import make_response as htmx_response
from flask_login import current_user

from extensions import htmx
from models.accounts import staff
from models.billing.admin_billing import suspension_of
from models.core.clock import today
from models.core.dayparam import FIRST_DAY, day_param
from models.registration.settlement import company_registration_invoice


def page_or_fragment(
    page, fragment, *, status=200, retarget=None, reswap=None, page_flash=None, stop_polling=False, **context
):
    """The one answer of a URL that htmx may ask for a part of. An htmx request aimed at part of the page
    gets `fragment` rendered with `context`, swapped into `retarget` (a CSS selector, with `reswap`) when
    the answer belongs elsewhere than the requesting element says. Anything else (no htmx, a boosted link,
    a history restore) gets the page: `page` rendered with `context`, a response as it is (a redirect
    after POST, `page_flash` shown on the page it leads to), or a callable making the page's body when
    only the page needs its queries. Both carry Vary: HX-Request, so no cache mixes them up. A fragment
    that `stop_polling` answers 286: htmx swaps it in and polls no more (a finished job)."""
    if htmx and not htmx.boosted and not htmx.history_restore_request:
        status = 286 if stop_polling else status
        response = htmx_response(render_template(fragment, **context), status, retarget=retarget, reswap=reswap)
    else:
        if page_flash:
            flash(page_flash, "success")
        if isinstance(page, Response):
            response = page
        else:
            response = make_response(render_template(page, **context) if isinstance(page, str) else page(), status)
    response.vary.add("HX-Request")
    return response


def require_login():
    if not current_user.is_authenticated:
        return redirect(url_for("auth.login_form", next=request.full_path))
    if current_user.must_change_password:
        # An issued initial password is replaced before any role screen opens (first login).
        return redirect(url_for("auth.password_change_form", next=request.full_path))
    return None


def require_active_company():
    """Gate for the company and prime blueprints: an approved company the user administers."""
    if (resp := require_login()) is not None:
        return resp
    company_id = session.get("company_id")
    membership = current_user.membership_in(company_id) if company_id else None
    if membership is None or not membership.company.approved:
        membership = next((m for m in current_user.memberships() if m.company.approved), None)
        if membership is None:
            abort(403)
        session["company_id"], session["role"] = membership.company_id, "company"
    g.membership, g.company = membership, membership.company
    bill = suspension_of(g.company)
    if bill is not None:
        return render_template("errors/suspended.html", bill=bill), 403
    return None


def require_worker():
    if (resp := require_login()) is not None:
        return resp
    worker = current_user.worker
    if worker is None or not worker.approved:
        abort(403)
    g.worker = worker
    return None


def _require_staff(role):
    if (resp := require_login()) is not None:
        return resp
    if not staff.holds(current_user, role):
        abort(403)
    return None


def require_reviewer():
    return _require_staff("reviewer")


def require_operator():
    """Pages for the operator role only (`flask staff create --role operator`)."""
    return _require_staff("operator")


def is_operations_staff(account):
    """Who may use the operations pages (outbox, jobs, erasure): reviewers and operators — the one gate of
    the staff blueprint."""
    return staff.holds(account, "reviewer") or staff.holds(account, "operator")


def require_operations_staff():
    if (resp := require_login()) is not None:
        return resp
    if not is_operations_staff(current_user):
        abort(403)
    return None


def fee_pending(company):
    """A company whose 事業者ID waits for its registration fee or for its renewal: a page says why and
    how to pay; a refused POST goes back to the company's home page, which says it too."""
    if request.method != "GET":
        if company.unusable_reason == "expired":
            flash(_("事業者登録の有効期間が切れています。更新されるまで、この操作はできません。"), "error")
            return redirect(url_for("company.dashboard"), 303)
        flash(_("事業者登録料の入金が確認されるまで、この操作はできません。"), "error")
        return redirect(url_for("company.dashboard"), 303)
    invoice = company_registration_invoice(company)
    return render_template("company/fee_pending.html", company=company, registration_invoice=invoice), 403


def asked_day():
    """The day `?date=` asks for on a day-by-day list (models/core/dayparam), with a message when it
    could not be shown."""
    asked = day_param(request.args.get("date"), today())
    if asked.adjusted:
        flash(_("%(first)s から %(last)s までの日付を指定してください。", first=FIRST_DAY, last=today()), "info")
    return asked
