"""Forms of the company's 変更申請, 関連付け, 退職 screens."""

import re

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    EmailField,
    IntegerField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
)
from wtforms.validators import DataRequired, Email, InputRequired, Length, NumberRange, Optional, ValidationError

from blueprints.shared.changeforms import SectionChangeForm, checked_id, link_kind_choices
from blueprints.shared.formfields import (
    EMAIL_FORMAT,
    REQUIRED,
    katakana_only,
    nfkc,
    optional_phone_number,
    phone_number,
    to_katakana,
)
from blueprints.shared.formfields import postal_code as postal_code_format
from models import clock, codes
from models.companies import split_employment_insurance_number
from models.ids import normalize_id

PICK = _l("選んでください")
NUMBER = _l("0以上の数字で入力してください。")
EMPLOYMENT_INSURANCE_ERRORS = {
    "length": _l("雇用保険番号は14桁（府県2・所掌1・管轄2・基幹番号6・枝番号3）で入力してください。"),
    "jurisdiction": _l("所掌（3桁目）は「3」です。雇用保険事業所番号ではなく、労働保険番号を入力してください。"),
    "prefecture": _l("府県（先頭2桁）は01から47です。"),
}


class CompanyChangeForm(SectionChangeForm):
    kind = "company"

    name = StringField(filters=[nfkc], validators=[DataRequired(REQUIRED), Length(max=100)])
    name_kana = StringField(filters=[to_katakana], validators=[Optional(), Length(max=100), katakana_only])
    representative_name = StringField(filters=[nfkc], validators=[DataRequired(REQUIRED), Length(max=100)])
    postal_code = StringField(filters=[nfkc], validators=[Optional(), postal_code_format])
    address = StringField(filters=[nfkc], validators=[DataRequired(REQUIRED), Length(max=200)])
    phone = StringField(filters=[nfkc], validators=[DataRequired(REQUIRED), phone_number])
    email = EmailField(filters=[nfkc], validators=[Optional(), Email(EMAIL_FORMAT, check_deliverability=False)])
    capital = IntegerField(validators=[InputRequired(REQUIRED), NumberRange(min=0, message=NUMBER)])
    employee_count = IntegerField(validators=[InputRequired(REQUIRED), NumberRange(min=0, message=NUMBER)])
    has_licence = BooleanField()
    # No Optional() where an inline validator must see an empty value (Optional stops the chain).
    licence_authority = SelectField(choices=[])
    licence_kind = SelectField(choices=[])
    licence_number = StringField(filters=[nfkc])
    licence_trades = SelectMultipleField(choices=[])
    officer_name = StringField(filters=[nfkc], validators=[DataRequired(REQUIRED), Length(max=100)])
    officer_postal_code = StringField(filters=[nfkc], validators=[DataRequired(REQUIRED), postal_code_format])
    # The fee slip is posted here; a partial address means no delivery (Q1-4).
    officer_address = StringField(filters=[nfkc], validators=[DataRequired(REQUIRED), Length(max=200)])
    officer_phone = StringField(filters=[nfkc], validators=[optional_phone_number])
    officer_email = EmailField(filters=[nfkc], validators=[Optional(), Email(EMAIL_FORMAT, check_deliverability=False)])
    health_insurance = SelectField(choices=[], validators=[Optional()])
    pension = SelectField(choices=[], validators=[Optional()])
    employment_insurance = SelectField(choices=[], validators=[Optional()])
    employment_insurance_number = StringField(filters=[nfkc])
    rousai_special = BooleanField()
    rousai_number = StringField(filters=[nfkc], validators=[Length(max=30)])

    def __init__(self, section, company, *args, **kwargs):
        super().__init__(section, company, *args, **kwargs)
        choices = {
            "licence_authority": codes.choices(codes.LICENCE_AUTHORITIES, blank=PICK),
            "licence_kind": codes.choices(codes.LICENCE_KINDS, blank=PICK),
            "licence_trades": codes.choices(codes.LICENCE_TRADES),
            **{
                f: codes.choices(codes.INSURANCE_STATUSES, blank=PICK)
                for f in ("health_insurance", "pension", "employment_insurance")
            },
        }
        for name, items in choices.items():
            if name in self:
                self[name].choices = items
        if "licence_trades" in self and not self.is_submitted():
            self.licence_trades.data = company.licence_trade_codes  # stored comma-separated

    def _needs_licence_detail(self, field):
        if self.has_licence.data and not field.data:
            raise ValidationError(_l("建設業許可がある場合は入力してください。"))

    validate_licence_authority = validate_licence_kind = validate_licence_trades = _needs_licence_detail

    def validate_licence_number(self, field):
        self._needs_licence_detail(field)
        if field.data and not re.fullmatch(r"\d{1,6}", field.data):
            raise ValidationError(_l("許可番号は6桁までの数字で入力してください。"))

    def validate_employment_insurance_number(self, field):
        if not field.data:
            if self.employment_insurance.data == "enrolled":
                raise ValidationError(_l("雇用保険に加入している場合は番号を入力してください。"))
            return
        _parts, error = split_employment_insurance_number(field.data)
        if error:
            raise ValidationError(EMPLOYMENT_INSURANCE_ERRORS[error])

    def validate_rousai_number(self, field):
        # Only special enrollees under 労災法33-36条 register a number (Q4-7).
        if self.rousai_special.data and not field.data:
            raise ValidationError(_l("特別加入している場合は労災保険番号を入力してください。"))
        if field.data and not self.rousai_special.data:
            raise ValidationError(
                _l("労災保険番号は特別加入者だけが登録します。特別加入でなければ空欄にしてください。")
            )

    def clean(self, name, value):
        if name == "licence_trades":
            return ",".join(value or [])
        if name == "employment_insurance_number" and value:
            return "".join(split_employment_insurance_number(value)[0].values())
        return super().clean(name, value)


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
