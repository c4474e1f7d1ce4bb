"""WTForms filters, validators and fields shared by several blueprints' forms. The rules behind them
are in models/registration/fields/rules.py; registration fields are composed from blueprints/shared/fields.py."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, PasswordField, SelectMultipleField
from wtforms.validators import DataRequired, EqualTo, Length, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from models.accounts.accounts import PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH
from models.registration.fields.rules import phone_ok, plain

REQUIRED = _l("入力してください。")
EMAIL_FORMAT = _l("メールアドレスの形式が正しくありません（例: taro@example.jp）。")
NOT_A_CHOICE = _l("一覧から選んでください。")
PHONE_FORMAT = _l("電話番号は0から始まる10桁または11桁で入力してください（例: 090-1234-5678）。")


def nfkc(value):
    """Full-width digits and letters typed on a phone become plain ones."""
    return plain(value)


def prose(value):
    """Japanese text as typed: full-width digits and letters become plain ones, while its own punctuation
    (（）「」、) is kept, as NFKC would turn （） into ()."""
    if not isinstance(value, str):
        return value
    return "".join(plain(c) if "\uff10" <= c <= "\uff5a" else c for c in value).strip()


def phone_number(form, field):
    if not phone_ok(field.data or ""):
        raise ValidationError(PHONE_FORMAT)


def optional_phone_number(form, field):
    """A phone number that may be left empty, checked like phone_number when given."""
    if field.data:
        phone_number(form, field)


class MultiCheckboxField(SelectMultipleField):
    """Several choices as checkboxes (easier on a phone than a multiple select)."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def new_password_fields(label, confirm_label):
    """A new password and its confirmation, with the one password rule (10 to 128 characters)."""
    password = PasswordField(
        label,
        description=_l("10文字以上、128文字以内で入力してください。"),
        validators=[
            DataRequired(REQUIRED),
            Length(
                min=PASSWORD_MIN_LENGTH, max=PASSWORD_MAX_LENGTH, message=_l("パスワードは10文字以上にしてください。")
            ),
        ],
    )
    confirm = PasswordField(
        confirm_label,
        validators=[DataRequired(REQUIRED), EqualTo("password", message=_l("パスワードが一致しません。"))],
    )
    return password, confirm


class ConsentForm(FlaskForm):
    """The applicant's agreement to 個人情報の取扱い and 利用規約 on every online submit page."""

    privacy = BooleanField(_l("個人情報の取扱いに同意する"), validators=[DataRequired(_l("同意が必要です。"))])
    terms = BooleanField(_l("利用規約に同意する"), validators=[DataRequired(_l("同意が必要です。"))])

    def agreed(self):
        return {name for name in ("privacy", "terms") if self[name].data}
