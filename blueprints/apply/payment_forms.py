from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, RadioField
from wtforms.validators import DataRequired

from models import codes


class PaymentMethodForm(FlaskForm):
    """The payer picks how to pay; the choices are the provider's methods. Prefixed per invoice so
    several invoices on one page keep their own radio buttons."""

    method = RadioField(_l("お支払い方法"), validators=[DataRequired(_l("お支払い方法を選んでください。"))], choices=[])
    next = HiddenField()

    def __init__(self, invoice, methods, *args, **kwargs):
        super().__init__(*args, prefix=f"invoice{invoice.id}", **kwargs)
        self.method.choices = [(c, text) for c, text in codes.choices(codes.PAYMENT_METHODS) if c in methods]
