from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import IntegerField, SelectField, StringField, TextAreaField
from wtforms.fields import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange

from blueprints.shared.formfields import REQUIRED, nfkc
from models.core import codes

DAYS = NumberRange(min=0, max=20000, message=_l("0〜20000の日数を入力してください。"))


def trade_choices():
    return [("*", _l("標準（職種ごとの行がない職種）"))] + [
        (c, codes.label(codes.TRADES, c)) for c in codes.codes(codes.TRADES)
    ]


class LevelRuleForm(FlaskForm):
    """One row of the rules table: days, leader days and qualifications for one trade and level."""

    min_days = IntegerField(_l("就業日数"), validators=[InputRequired(REQUIRED), DAYS])
    min_leader_days = IntegerField(_l("職長・班長の日数"), default=0, validators=[DAYS])
    qualifications = TextAreaField(
        _l("必要な資格（1行に1つ。「A|B」はどちらか）"), validators=[Length(max=2000)], filters=[nfkc]
    )
    source = StringField(_l("出典"), validators=[Length(max=255)], filters=[nfkc])


class NewLevelRuleForm(LevelRuleForm):
    trade = SelectField(_l("職種"), validators=[DataRequired(REQUIRED)])
    level = SelectField(
        _l("レベル"), choices=[SelectChoice(level) for level in ("2", "3", "4")], validators=[DataRequired(REQUIRED)]
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.trade.choices = trade_choices()
