"""What a proxy company files under a standing consent: a worker's or company's change application
(the change form and rules of 変更申請, Q1-1 ②④) and a worker's work-history days and corrections (the
entry form and rules of 就業履歴の入力, ⑤). Each is refused unless the consent covers it."""

from flask import flash, g, redirect, render_template, url_for
from flask_babel import gettext as _

from blueprints.company import bp
from blueprints.company.change_forms import CompanyChangeForm
from blueprints.company.proxy_forms import ProxyWorkerChangeForm
from blueprints.shared import changeforms
from blueprints.shared.entry_forms import DayEntryForm
from blueprints.shared.entry_pages import chosen, correction_page, submit_correction, submit_day
from models.core.base import get_owned_or_404
from models.history.work_entries import WorkEntry, sites_of_worker
from models.registration import proxy_mandates as mandates
from models.sites.records import WorkRecord
from models.sites.sites import Site

CHANGE_FORMS = {"worker": ProxyWorkerChangeForm, "company": CompanyChangeForm}


def _covered(consent_id, action):
    """The company's consent when it covers `action`; otherwise None (the caller leads back to it)."""
    consent = get_owned_or_404(mandates.of_company(g.company), consent_id)
    if consent.covers(action):
        return consent
    flash(_("この手続きには、本人の同意（代行申請同意書）の登録が必要です。"), "error")
    return None


def _back(consent_id):
    return redirect(url_for("company.proxy_mandate", consent_id=consent_id))


def _change(consent):
    kind = consent.principal
    section = changeforms.chosen_section(kind)
    urls = {
        "submit": url_for("company.proxy_change_submit", consent_id=consent.id, section=section),
        "back": url_for("company.proxy_mandate", consent_id=consent.id),
    }
    return CHANGE_FORMS[kind](section, consent.subject), kind, section, urls


@bp.get("/proxy/mandates/<int:consent_id>/changes/new")
def proxy_change_new(consent_id):
    consent = _covered(consent_id, "change")
    if consent is None:
        return _back(consent_id)
    form, kind, section, urls = _change(consent)
    return changeforms.new(form, kind, section, "company", urls=urls, proxy=consent)


@bp.post("/proxy/mandates/<int:consent_id>/changes/new")
def proxy_change_submit(consent_id):
    consent = _covered(consent_id, "change")
    if consent is None:
        return _back(consent_id)
    form, kind, section, urls = _change(consent)
    return changeforms.post(form, kind, section, consent.subject, "company", urls=urls, proxy=consent)


def _entry_context(consent):
    records = WorkRecord.select(WorkRecord, Site).join(Site).where(WorkRecord.worker == consent.worker_id)
    return {
        "entries": list(WorkEntry.of_worker(consent.worker_id).where(WorkEntry.proxy_consent == consent).limit(100)),
        "records": list(records.order_by(WorkRecord.work_date.desc()).limit(31)),
        "action": url_for("company.proxy_entry_add", consent_id=consent.id),
    }


@bp.get("/proxy/mandates/<int:consent_id>/entries")
def proxy_entries(consent_id):
    consent = _covered(consent_id, "history")
    if consent is None:
        return _back(consent_id)
    form = DayEntryForm(list(sites_of_worker(consent.worker_id)))
    return render_template("entries/entries.html", form=form, proxy=consent, **_entry_context(consent))


@bp.post("/proxy/mandates/<int:consent_id>/entries")
def proxy_entry_add(consent_id):
    consent = _covered(consent_id, "history")
    if consent is None:
        return _back(consent_id)
    sites = list(sites_of_worker(consent.worker_id))
    form = DayEntryForm(sites)
    back = url_for("company.proxy_entries", consent_id=consent_id)
    site = chosen(form.site, sites)
    return submit_day(
        form, consent.worker, site, None, back, "entries/entries.html", consent, **_entry_context(consent)
    )


def _record(consent, record_id):
    mine = WorkRecord.select(WorkRecord, Site).join(Site).where(WorkRecord.worker == consent.worker_id)
    return get_owned_or_404(mine, record_id)


@bp.get("/proxy/mandates/<int:consent_id>/records/<int:record_id>/correct")
def proxy_record_correct(consent_id, record_id):
    consent = _covered(consent_id, "history")
    if consent is None:
        return _back(consent_id)
    action = url_for("company.proxy_record_correct_save", consent_id=consent_id, record_id=record_id)
    return correction_page(_record(consent, record_id), action)


@bp.post("/proxy/mandates/<int:consent_id>/records/<int:record_id>/correct")
def proxy_record_correct_save(consent_id, record_id):
    consent = _covered(consent_id, "history")
    if consent is None:
        return _back(consent_id)
    action = url_for("company.proxy_record_correct_save", consent_id=consent_id, record_id=record_id)
    back = url_for("company.proxy_entries", consent_id=consent_id)
    return submit_correction(_record(consent, record_id), None, action, back, proxy=consent)
