from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import PasswordField
from wtforms.validators import DataRequired, EqualTo, Length, ValidationError

from blueprints.shared.formfields import REQUIRED


class PasswordChangeForm(FlaskForm):
    current = PasswordField(
        _l("現在のパスワード"),
        validators=[DataRequired(REQUIRED)],
        description=_l("初回ログインの場合は、メールでお知らせした初期パスワードです。"),
    )
    password = PasswordField(
        _l("新しいパスワード"),
        validators=[
            DataRequired(REQUIRED),
            Length(min=10, max=128, message=_l("パスワードは10文字以上にしてください。")),
        ],
    )
    password2 = PasswordField(
        _l("新しいパスワード（確認）"),
        validators=[DataRequired(REQUIRED), EqualTo("password", message=_l("パスワードが一致しません。"))],
    )

    def validate_password(self, field):
        if field.data and field.data == self.current.data:
            raise ValidationError(_l("今までと違うパスワードにしてください。"))
