from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, StringField
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from blueprints.shared.formfields import nfkc


class InvoiceSearchForm(FlaskForm):
    """払込番号 search on the open-invoices list (query string, no CSRF needed for a GET)."""

    class Meta:
        csrf = False

    q = StringField(
        _l("払込番号"),
        filters=[nfkc],
        validators=[Optional(), Length(max=40, message=_l("40文字以内で入力してください。"))],
        description=_l("ハイフンや空白はあってもなくてもかまいません。一部だけでも検索できます。"),
    )


class RecordPaymentForm(FlaskForm):
    """Staff record a payment the store, bank or card company reported."""

    paid_on = DateField(_l("入金日"), validators=[DataRequired(_l("入金日を正しく入力してください。"))])

    def __init__(self, invoice, today, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.invoice, self.today = invoice, today

    def validate_paid_on(self, field):
        if field.data > self.today:
            raise ValidationError(_l("入金日に未来の日付は入力できません。"))
        if field.data < self.invoice.issued_on:
            raise ValidationError(_l("入金日が請求の発行日より前になっています。"))
