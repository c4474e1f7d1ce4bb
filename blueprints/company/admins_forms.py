from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, SelectField, StringField
from wtforms.validators import DataRequired, Email, Length

from blueprints.shared.formfields import EMAIL_FORMAT, REQUIRED, nfkc
from models.core import codes

NOT_A_ROLE = _l("権限を選んでください。")


def _role_field():
    return SelectField(_l("権限"), validators=[DataRequired(NOT_A_ROLE)], choices=[], invalid_choice_message=NOT_A_ROLE)


class AdminAddForm(FlaskForm):
    display_name = StringField(_l("氏名"), filters=[nfkc], validators=[DataRequired(REQUIRED), Length(max=100)])
    email = EmailField(
        _l("メールアドレス"),
        filters=[nfkc],
        validators=[
            DataRequired(REQUIRED),
            Email(EMAIL_FORMAT, check_deliverability=False),
        ],
        description=_l("ログインIDになります。初期パスワードをこのアドレスにお送りします。"),
    )
    role = _role_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.role.choices = codes.choices(codes.ADMIN_ROLES, blank=_l("選んでください"))


class AdminRoleForm(FlaskForm):
    role = _role_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.role.choices = codes.choices(codes.ADMIN_ROLES)
