from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, HiddenField, PasswordField, RadioField, StringField
from wtforms.validators import DataRequired, Email, Length

from blueprints.shared.formfields import EMAIL_FORMAT as EMAIL
from blueprints.shared.formfields import REQUIRED, new_password_fields


class SignupForm(FlaskForm):
    display_name = StringField(_l("お名前"), validators=[DataRequired(REQUIRED), Length(max=100)])
    email = EmailField(
        _l("メールアドレス"), validators=[DataRequired(REQUIRED), Email(EMAIL, check_deliverability=False)]
    )
    password, password2 = new_password_fields(_l("パスワード"), _l("パスワード（確認）"))
    intent = HiddenField()


class CorrectEmailForm(FlaskForm):
    email = EmailField(
        _l("正しいメールアドレス"), validators=[DataRequired(REQUIRED), Email(EMAIL, check_deliverability=False)]
    )


class LoginForm(FlaskForm):
    email = EmailField(
        _l("メールアドレス"), validators=[DataRequired(REQUIRED), Email(EMAIL, check_deliverability=False)]
    )
    password = PasswordField(_l("パスワード"), validators=[DataRequired(REQUIRED)])


class ForgotForm(FlaskForm):
    email = EmailField(
        _l("メールアドレス"), validators=[DataRequired(REQUIRED), Email(EMAIL, check_deliverability=False)]
    )


class ResetForm(FlaskForm):
    password, password2 = new_password_fields(_l("新しいパスワード"), _l("新しいパスワード（確認）"))


class SwitchForm(FlaskForm):
    target = RadioField(_l("切り替え先"), validators=[DataRequired(REQUIRED)], choices=[])
