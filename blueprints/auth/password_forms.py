from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import PasswordField
from wtforms.validators import DataRequired, ValidationError

from blueprints.shared.formfields import REQUIRED, new_password_fields


class PasswordChangeForm(FlaskForm):
    current = PasswordField(
        _l("現在のパスワード"),
        validators=[DataRequired(REQUIRED)],
        description=_l("初回ログインの場合は、メールでお知らせした初期パスワードです。"),
    )
    password, password2 = new_password_fields(_l("新しいパスワード"), _l("新しいパスワード（確認）"))

    def validate_password(self, field):
        if field.data and field.data == self.current.data:
            raise ValidationError(_l("今までと違うパスワードにしてください。"))
