"""WTForms filters and validators shared by several blueprints' forms."""

import re
import unicodedata

from flask_babel import lazy_gettext as _l
from wtforms import SelectMultipleField
from wtforms.validators import ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

REQUIRED = _l("入力してください。")


def nfkc(value):
    """Full-width digits and letters typed on a phone become plain ones."""
    return unicodedata.normalize("NFKC", value).strip() if isinstance(value, str) else value


def to_katakana(value):
    """Accept furigana typed in hiragana or half-width kana; store full-width katakana."""
    if not value:
        return value
    value = unicodedata.normalize("NFKC", value).strip()
    return "".join(chr(ord(c) + 0x60) if "ぁ" <= c <= "ゖ" else c for c in value)


KATAKANA = re.compile(r"^[ァ-ヶー・　 ]+$")


def katakana_only(form, field):
    if field.data and not KATAKANA.match(field.data):
        raise ValidationError(_l("フリガナはカタカナで入力してください。"))


def phone_number(form, field):
    digits = re.sub(r"[-‐ー ]", "", field.data or "")
    if not re.fullmatch(r"0\d{9,10}", digits):
        raise ValidationError(_l("電話番号は0から始まる10桁または11桁で入力してください（例: 090-1234-5678）。"))


def postal_code(form, field):
    if field.data and not re.fullmatch(r"\d{3}-?\d{4}", field.data):
        raise ValidationError(_l("郵便番号は7桁で入力してください（例: 160-0023）。"))


EMAIL_FORMAT = _l("メールアドレスの形式が正しくありません（例: taro@example.jp）。")


def optional_phone_number(form, field):
    """A phone number that may be left empty, checked like phone_number when given."""
    if field.data:
        phone_number(form, field)


class MultiCheckboxField(SelectMultipleField):
    """Several choices as checkboxes (easier on a phone than a multiple select)."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()
