"""Forms of the company's 変更申請, 関連付け, 退職 screens."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, RadioField, StringField
from wtforms.validators import DataRequired, ValidationError

from blueprints.shared.changeforms import change_form_class, checked_id, link_kind_choices
from blueprints.shared.formfields import REQUIRED
from models.core import clock
from models.core.ids import normalize_id


class CompanyChangeForm(change_form_class("company")):
    """The registered company's fields, checked as on the application (blueprints/shared/fields.py)."""

    def __init__(self, section, company, *args, **kwargs):
        super().__init__(section, company, *args, **kwargs)
        if "licence_trades" in self and not self.is_submitted():
            self.licence_trades.data = company.licence_trade_codes  # stored comma-separated


class LinkWorkerForm(FlaskForm):
    """The company proposes an affiliation to a worker by their 技能者ID."""

    worker_id = StringField(
        _l("技能者ID（14桁）"), filters=[normalize_id], validators=[DataRequired(REQUIRED), checked_id]
    )
    kind = RadioField(_l("所属の種類"), default="other", validators=[DataRequired(REQUIRED)], choices=[])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind.choices = link_kind_choices()


class RetireForm(FlaskForm):
    ended_on = DateField(
        _l("退職日"), default=clock.today, validators=[DataRequired(_l("退職日を正しく入力してください。"))]
    )

    def __init__(self, affiliation, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.affiliation = affiliation

    def validate_ended_on(self, field):
        if field.data > clock.today():
            raise ValidationError(_l("退職日に未来の日付は入力できません。退職した後に手続きしてください。"))
        if self.affiliation.started_on and field.data < self.affiliation.started_on:
            raise ValidationError(
                _l(
                    "退職日は所属開始日（%(day)s）より後の日付にしてください。",
                    day=self.affiliation.started_on.strftime("%Y/%m/%d"),
                )
            )
