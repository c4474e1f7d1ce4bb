"""The one form and answer for keeping a real CCUS ID as an external reference, used by the worker's
and the company's home pages (models/accounts/external_ids.py)."""

from flask import flash, redirect
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField

from models.accounts.external_ids import ExternalIdError, record_ccus_ref


class CcusRefForm(FlaskForm):
    ccus_ref = StringField(_l("お持ちのCCUSのID（14桁、外部参照）"))


def save_ccus_ref(subject, back):
    """Stores the typed ID on `subject` and goes back to `back` with what happened."""
    form = CcusRefForm()
    if not form.validate_on_submit():
        flash(_("もう一度送信してください。"), "error")
    else:
        try:
            stored = record_ccus_ref(subject, form.ccus_ref.data)
        except ExternalIdError:
            flash(_("CCUSのIDは14桁の数字で入力してください。"), "error")
        else:
            flash(_("CCUSのIDを記録しました。") if stored else _("CCUSのIDを削除しました。"), "success")
    return redirect(back, 303)
