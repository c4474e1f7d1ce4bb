from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.fields import SelectChoice
from wtforms.validators import DataRequired, Length

from blueprints.shared.formfields import REQUIRED, MultiCheckboxField, nfkc
from models.core.numbers import coerce_id

SCOPE_CHOICES = [
    SelectChoice("write-touches", _l("就業履歴（タッチ）の送信")),
    SelectChoice("read-records", _l("就業履歴の取得")),
]


class ClientForm(FlaskForm):
    """A certified system's token (認定システム, Q7-8) for some of the company's sites."""

    name = StringField(_l("システム名"), filters=[nfkc], validators=[DataRequired(REQUIRED), Length(max=60)])
    sites = MultiCheckboxField(
        _l("使う現場"), coerce=coerce_id, validators=[DataRequired(_l("現場を1つ以上選んでください。"))]
    )
    scopes = MultiCheckboxField(
        _l("できること"), choices=SCOPE_CHOICES, validators=[DataRequired(_l("できることを1つ以上選んでください。"))]
    )
