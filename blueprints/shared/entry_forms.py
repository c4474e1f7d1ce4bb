"""Forms and messages for entering a work day or correcting one; worker and company pages share them."""

import datetime as dt

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, SelectField, SelectMultipleField, TextAreaField, TimeField
from wtforms.fields import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, Optional, ValidationError

from blueprints.shared.formfields import REQUIRED
from models.core import codes
from models.core.clock import to_jst_wall
from models.core.numbers import coerce_id
from models.history.work_entries import REASONS

ENTRY_ERRORS = {
    "reason": _l("理由を選んでください。"),
    "future": _l("まだ来ていない日は入力できません。"),
    "deadline": _l("入力と承認の期限（就業日の翌月末）を過ぎています。"),
    "outside_accrual": _l("この日は現場の就業履歴蓄積期間の外です。"),
    "times": _l("退場時刻は入場時刻より後にしてください。"),
    "not_on_roster": _l("この技能者はこの現場の作業員名簿にいません。先に作業員名簿に追加してください。"),
    "not_your_roster": _l("自社または下位の事業者の作業員名簿にいる技能者だけ入力できます。"),
    "already_recorded": _l(
        "この日・この職種の就業履歴はすでにあります。職種や立場を変えるときは訂正を申請してください。"
    ),
    "already_entered": _l("同じ日・同じ職種の入力が承認待ちです。"),
    "unchanged": _l("職種か立場を変えてください。"),
    "same_trade": _l("別の職種を選んでください（同じ職種は同じ日に一つです）。"),
    "not_pending": _l("すでに処理されています。"),
    "no_consent": _l("就業履歴の入力代行への本人の同意（代行申請同意書）がないため入力できません。"),
    "clash": _l("同じ日・同じ職種の就業履歴が先にできたため承認できません。"),
}


def _moment(day, time):
    return to_jst_wall(dt.datetime.combine(day, time)) if day and time else None


class DayEntryForm(FlaskForm):
    site = SelectField(_l("現場"), coerce=coerce_id, validators=[InputRequired(REQUIRED)])
    worker = SelectField(_l("技能者"), coerce=coerce_id, validators=[InputRequired(REQUIRED)])
    work_date = DateField(_l("就業日"), validators=[InputRequired(REQUIRED)])
    trade = SelectField(_l("職種"), validators=[DataRequired(REQUIRED)])
    position = SelectField(_l("立場"), validators=[DataRequired(REQUIRED)])
    first_in = TimeField(_l("入場時刻"), validators=[Optional()])
    last_out = TimeField(_l("退場時刻"), validators=[Optional()])
    reason = SelectField(_l("理由"), validators=[DataRequired(REQUIRED)])
    note = TextAreaField(_l("補足（任意）"), validators=[Length(max=500)])

    def __init__(self, sites, workers=None, **kwargs):
        super().__init__(**kwargs)
        self.site.choices = [(s.id, f"{s.name}（{s.site_id}）") for s in sites]
        if workers is None:
            del self.worker
        else:
            self.worker.choices = [(w.id, w.full_name) for w in workers]
        self.trade.choices = codes.choices(codes.TRADES)
        self.position.choices = codes.choices(codes.POSITIONS)
        self.reason.choices = codes.choices([r for r in REASONS if r[0] != "correction"])

    def times(self):
        return _moment(self.work_date.data, self.first_in.data), _moment(self.work_date.data, self.last_out.data)


class CorrectionForm(FlaskForm):
    trade = SelectField(_l("職種"), validators=[DataRequired(REQUIRED)])
    position = SelectField(_l("立場"), validators=[DataRequired(REQUIRED)])
    reason = SelectField(_l("申請の種類"), validators=[DataRequired(REQUIRED)])
    note = TextAreaField(_l("補足（任意）"), validators=[Length(max=500)])

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.trade.choices = codes.choices(codes.TRADES)
        self.position.choices = codes.choices(codes.POSITIONS)
        self.reason.choices = codes.choices([r for r in REASONS if r[0] in ("correction", "second_trade")])


class DecisionForm(FlaskForm):
    ids = SelectMultipleField(coerce=coerce_id, validate_choice=False)
    action = SelectField(choices=[SelectChoice("approve"), SelectChoice("reject")])
    note = TextAreaField(_l("理由（差し戻すときは必須）"), validators=[Length(max=500)])

    def validate_note(self, field):
        if self.action.data == "reject" and not (field.data or "").strip():
            raise ValidationError(_l("差し戻す理由を入力してください（入力した人に伝わります）。"))
