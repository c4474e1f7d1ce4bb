from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Email, EqualTo, Length

from blueprints.shared.formfields import EMAIL_FORMAT, REQUIRED, nfkc, optional_phone_number
from models.core import codes


class InquiryForm(FlaskForm):
    """お問い合わせ: category 9 (その他) is where card reissue goes (Q1-8)."""

    category = SelectField(
        _l("お問い合わせの種類"), validators=[DataRequired(_l("お問い合わせの種類を選んでください。"))], choices=[]
    )
    name = StringField(_l("お名前"), filters=[nfkc], validators=[DataRequired(REQUIRED), Length(max=100)])
    email = EmailField(
        _l("メールアドレス"),
        filters=[nfkc],
        validators=[DataRequired(REQUIRED), Email(EMAIL_FORMAT, check_deliverability=False), Length(max=254)],
        description=_l("回答と控えをこのアドレスに送ります。打ち間違えると返信できません。"),
    )
    email_again = EmailField(
        _l("メールアドレス（確認）"),
        filters=[nfkc],
        validators=[
            DataRequired(REQUIRED),
            EqualTo("email", message=_l("メールアドレスが一致しません。もう一度確かめてください。")),
        ],
    )
    phone = StringField(_l("電話番号（任意）"), filters=[nfkc], validators=[optional_phone_number])
    subject = StringField(_l("件名"), filters=[nfkc], validators=[DataRequired(REQUIRED), Length(max=100)])
    body = TextAreaField(
        _l("お問い合わせ内容"),
        validators=[DataRequired(REQUIRED), Length(max=2000, message=_l("2000文字以内で入力してください。"))],
        description=_l("技能者ID・事業者IDがあれば書き添えてください。パスワードは書かないでください。"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.category.choices = codes.choices(codes.INQUIRY_CATEGORIES, blank=_l("選んでください"))

    def values(self):
        return {
            name: (getattr(self, name).data or "").strip()
            for name in ("category", "name", "email", "phone", "subject", "body")
        }
