"""The Green File data, entered once and reused on every form: the company's 建設業許可 and 営業所, and
its part of each site's 施工体制台帳 (htmx: the form swaps itself, the 資格 follow the chosen person)."""

from flask import flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from blueprints.company import bp
from blueprints.company.ledger_forms import LedgerForm, OfficeForm, PermitForm
from blueprints.shared.helpers import page_or_fragment
from models.core import codes
from models.core.base import get_owned_or_404
from models.sites.ledger import (
    PERMIT_AUTHORITIES,
    PERMIT_GRADES,
    ConstructionPermit,
    ContractLedger,
    LedgerError,
    Office,
    company_workers,
    contract_of,
    ledger_sites,
    qualifications_of,
)

LEDGER_ERRORS = {
    "not_own_worker": _l("主任技術者・監理技術者は自社の所属技能者から選んでください。"),
    "not_own_qualification": _l("資格内容は選んだ技能者の資格から選んでください。"),
    "not_own_office": _l("契約営業所は自社の営業所から選んでください。"),
}


def _green_file(permit_form=None, office_form=None, status=200):
    return render_template(
        "company/green_file.html",
        permits=list(ConstructionPermit.of_company(g.company)),
        offices=list(Office.of_company(g.company)),
        permit_form=permit_form or PermitForm(formdata=None),
        office_form=office_form or OfficeForm(formdata=None),
        authorities=codes.labels(PERMIT_AUTHORITIES),
        grades=codes.labels(PERMIT_GRADES),
        sites=list(ledger_sites(g.company)),
    ), status


@bp.get("/green-file")
def green_file():
    return _green_file()


def _add(model, form, form_key, message):
    """One of the company's permits or offices from `form`, or the page again with why not."""
    if not form.validate_on_submit():
        return _green_file(**{form_key: form}, status=422)
    model.create(company=g.company, **{k: "" if v is None else v for k, v in form.data.items() if k != "csrf_token"})
    flash(message, "success")
    return redirect(url_for("company.green_file"), 303)


def _remove(model, row_id, message):
    get_owned_or_404(model.of_company(g.company), row_id).delete_instance()
    flash(message, "success")
    return redirect(url_for("company.green_file"), 303)


@bp.post("/green-file/permits")
def permit_add():
    return _add(ConstructionPermit, PermitForm(), "permit_form", _("建設業許可を追加しました。"))


@bp.post("/green-file/permits/<int:permit_id>/delete")
def permit_remove(permit_id):
    return _remove(ConstructionPermit, permit_id, _("建設業許可を削除しました。"))


@bp.post("/green-file/offices")
def office_add():
    return _add(Office, OfficeForm(), "office_form", _("営業所を追加しました。"))


@bp.post("/green-file/offices/<int:office_id>/delete")
def office_remove(office_id):
    return _remove(Office, office_id, _("営業所を削除しました。"))


def _ledger_page(site, row, form, error=None, status=200, saved=False, page="company/site_ledger.html", flash_=None):
    return page_or_fragment(
        page,
        "company/partials/_ledger_form.html",
        status=status,
        site=site,
        row=row,
        form=form,
        error=error,
        saved=saved,
        page_flash=flash_,
        is_prime=site.prime_id == g.company.id,
        contract=contract_of(site, g.company),
    )


def _form(row, formdata=None):
    """The form of `row`, or of what was sent; the 資格 offered are the chosen person's."""
    workers = list(company_workers(g.company))
    data = None
    if formdata is None:
        data = {name: getattr(row, name) for name in LedgerForm.__dict__ if hasattr(row, name)}
        data |= {"office": str(row.office_id or ""), "chief": str(row.chief_id or "")}
        data["chief_qualification"] = str(row.chief_qualification_id or "")
    return LedgerForm(
        formdata=formdata,
        data=data,
        offices=list(Office.of_company(g.company)),
        workers=workers,
        qualifications=qualifications_of(workers),
    )


@bp.get("/sites/<int:site_pk>/ledger")
def site_ledger(site_pk):
    site = get_owned_or_404(ledger_sites(g.company), site_pk)
    row = ContractLedger.for_company(site, g.company)
    # the 資格 list follows the chosen 主任技術者 (htmx asks again with what is typed so far)
    return _ledger_page(site, row, _form(row, request.args if "chief" in request.args else None))


@bp.post("/sites/<int:site_pk>/ledger")
def site_ledger_save(site_pk):
    site = get_owned_or_404(ledger_sites(g.company), site_pk)
    row = ContractLedger.for_company(site, g.company)
    form = _form(row, request.form)
    if not form.validate_on_submit():
        return _ledger_page(site, row, form, status=422)
    try:
        row.save_entry(**form.entry())
    except LedgerError as exc:
        return _ledger_page(site, row, form, error=LEDGER_ERRORS[exc.code], status=422)
    return _ledger_page(
        site,
        row,
        _form(row),
        saved=True,
        page=redirect(url_for("company.site_ledger", site_pk=site.id), 303),
        flash_=_("施工体制台帳の記載事項を保存しました。"),
    )
