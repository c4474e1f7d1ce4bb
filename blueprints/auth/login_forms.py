from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, HiddenField, PasswordField, RadioField, StringField
from wtforms.validators import DataRequired, Email, Length, ValidationError

from blueprints.shared.formfields import EMAIL_FORMAT as EMAIL
from blueprints.shared.formfields import REQUIRED, new_password_fields
from models.accounts.logins import is_login


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


LOGIN_FORMAT = _l(
    "メールアドレス、または技能者ID・事業者ID・管理者ID（14桁、管理者IDは「事業者ID-番号」）を入力してください。"
)


def _login_format(form, field):
    if "@" in (field.data or ""):
        Email(EMAIL, check_deliverability=False)(form, field)
    elif not is_login(field.data):
        raise ValidationError(LOGIN_FORMAT)


def login_field():
    """E-mail or ID (Q1-10); the field keeps the name `email` that the limits and older links use."""
    return StringField(
        _l("メールアドレスまたはID"),
        validators=[DataRequired(REQUIRED), _login_format],
        description=_l("技能者ID・事業者ID・管理者IDでもログインできます。"),
    )


class LoginForm(FlaskForm):
    email = login_field()
    password = PasswordField(_l("パスワード"), validators=[DataRequired(REQUIRED)])


class ForgotForm(FlaskForm):
    email = login_field()


class ResetForm(FlaskForm):
    password, password2 = new_password_fields(_l("新しいパスワード"), _l("新しいパスワード（確認）"))


class SwitchForm(FlaskForm):
    target = RadioField(_l("切り替え先"), validators=[DataRequired(REQUIRED)], choices=[])
