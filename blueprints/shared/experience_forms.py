from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import IntegerField, SelectField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange

from blueprints.shared.formfields import REQUIRED
from models.core import codes
from models.core.numbers import coerce_id

EXPERIENCE_ERRORS = {
    "not_employer": _l("経歴の証明は、いま所属している事業者に依頼してください。"),
    "length": _l("年数は0〜60年、月数は0〜11か月で、合わせて1か月以上を入力してください。"),
    "not_pending": _l("すでに処理されています。"),
    "note": _l("証明できない理由を入力してください（技能者に伝わります）。"),
}


class ExperienceForm(FlaskForm):
    trade = SelectField(_l("職種"), validators=[DataRequired(REQUIRED)])
    years = IntegerField(_l("年数"), default=0, validators=[InputRequired(REQUIRED), NumberRange(min=0, max=60)])
    months = IntegerField(_l("月数"), default=0, validators=[InputRequired(REQUIRED), NumberRange(min=0, max=11)])
    company = SelectField(_l("証明を依頼する所属事業者"), coerce=coerce_id, validators=[InputRequired(REQUIRED)])
    description = TextAreaField(_l("経歴の内容（例: 型枠工事に20年従事）"), validators=[Length(max=500)])

    def __init__(self, companies, **kwargs):
        super().__init__(**kwargs)
        self.trade.choices = codes.choices(codes.TRADES)
        self.company.choices = [(c.id, c.name) for c in companies]


class ExperienceDecisionForm(FlaskForm):
    note = TextAreaField(_l("証明できない場合の理由"), validators=[Length(max=500)])
