"""Enter a day or correct one: the parts the worker's and the company's pages share."""

from flask import flash, redirect, render_template
from flask_babel import gettext as _
from flask_login import current_user

from blueprints.shared.entry_forms import ENTRY_ERRORS, CorrectionForm
from models.core.clock import today
from models.history.work_entries import EntryError, correct_record, enter_day, trail_of_record


def chosen(form_field, items):
    """The object a validated select picked from the offered `items`."""
    return next((i for i in items if i.id == form_field.data), None)


def submit_day(form, worker, site, entering_company, back_url, template, proxy=None, **context):
    """Validates and files the entry (a proxy company's under the worker's consent `proxy`); on any
    problem the same page with what was typed."""
    if form.validate() and worker is not None and site is not None:
        first_in, last_out = form.times()
        try:
            enter_day(
                current_user,
                worker,
                site,
                form.work_date.data,
                form.trade.data,
                form.position.data,
                first_in,
                last_out,
                form.reason.data,
                form.note.data or "",
                today(),
                entering_company,
                proxy=proxy,
            )
        except EntryError as e:
            form.work_date.errors = list(form.work_date.errors) + [ENTRY_ERRORS[e.code]]
        else:
            flash(_("入力しました。元請の承認で就業履歴になります（期限: 就業日の翌月末）。"))
            return redirect(back_url, 303)
    return render_template(template, form=form, proxy=proxy, **context), 422


def correction_page(record, action_url, status=200, form=None):
    form = form or CorrectionForm(data={"trade": record.trade, "position": record.position})
    return render_template(
        "entries/correct.html", record=record, form=form, action_url=action_url, trail=list(trail_of_record(record))
    ), status


def submit_correction(record, entering_company, action_url, back_url, proxy=None):
    form = CorrectionForm()
    if form.validate():
        try:
            correct_record(
                current_user,
                record,
                form.trade.data,
                form.position.data,
                form.reason.data,
                form.note.data or "",
                today(),
                entering_company,
                proxy=proxy,
            )
        except EntryError as e:
            form.trade.errors = list(form.trade.errors) + [ENTRY_ERRORS[e.code]]
        else:
            flash(_("申請しました。元請の承認で就業履歴に反映されます。"))
            return redirect(back_url, 303)
    return correction_page(record, action_url, 422, form)
