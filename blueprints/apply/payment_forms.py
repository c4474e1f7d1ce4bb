from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, RadioField, StringField
from wtforms.validators import DataRequired

from models.core import codes


class PaymentMethodForm(FlaskForm):
    """The payer picks how to pay; the choices are the provider's methods. Prefixed per invoice so
    several invoices on one page keep their own radio buttons."""

    method = RadioField(_l("お支払い方法"), validators=[DataRequired(_l("お支払い方法を選んでください。"))], choices=[])
    next = HiddenField()

    def __init__(self, invoice, methods, *args, **kwargs):
        super().__init__(*args, prefix=f"invoice{invoice.id}", **kwargs)
        self.method.choices = [(c, text) for c, text in codes.choices(codes.PAYMENT_METHODS) if c in methods]


class SubmitPaymentForm(FlaskForm):
    """How the applicant will pay the registration fee, chosen when submitting (guidance Section 5);
    the fee notice after approval starts from it, and it can still be changed then."""

    payment_method = RadioField(
        _l("登録料のお支払い方法"), validators=[DataRequired(_l("お支払い方法を選んでください。"))], choices=[]
    )

    def __init__(self, methods, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.payment_method.choices = [(c, text) for c, text in codes.choices(codes.PAYMENT_METHODS) if c in methods]


class CardPaymentForm(FlaskForm):
    """A card payment on the payer's screen (the configured provider's gateway); nothing of it is stored."""

    card_number = StringField(
        _l("カード番号"),
        validators=[DataRequired(_l("カード番号を入力してください。"))],
        render_kw={"inputmode": "numeric", "autocomplete": "cc-number", "placeholder": "4242 4242 4242 4242"},
    )
    expiry = StringField(
        _l("有効期限（月/年）"),
        validators=[DataRequired(_l("有効期限を入力してください（例: 12/29）。"))],
        render_kw={"inputmode": "numeric", "autocomplete": "cc-exp", "placeholder": "12/29"},
    )
