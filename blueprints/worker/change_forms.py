"""Forms of the worker's 変更申請 and 関連付け screens."""

import re

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, DateField, EmailField, IntegerField, RadioField, SelectField, StringField
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
from models.ids import normalize_id

PICK = _l("選んでください")


class WorkerChangeForm(SectionChangeForm):
    kind = "worker"
    nullable = ("health_check_date",)

    family_name = StringField(filters=[nfkc], validators=[DataRequired(REQUIRED), Length(max=50)])
    given_name = StringField(filters=[nfkc], validators=[DataRequired(REQUIRED), Length(max=50)])
    middle_name = StringField(filters=[nfkc], validators=[Optional(), Length(max=50)])
    # No Optional(): the inline check below must see an empty furigana.
    family_kana = StringField(filters=[to_katakana], validators=[Length(max=50), katakana_only])
    given_kana = StringField(filters=[to_katakana], validators=[Length(max=50), katakana_only])
    alias_name = StringField(filters=[nfkc], validators=[Optional(), Length(max=50)])
    print_alias = BooleanField()
    gender = RadioField(validators=[DataRequired(REQUIRED)], choices=[])
    nationality = StringField(filters=[nfkc], validators=[DataRequired(REQUIRED), Length(max=50)])
    blood_type = SelectField(choices=[], validators=[Optional()])
    postal_code = StringField(filters=[nfkc], validators=[Optional(), postal_code_format])
    address = StringField(filters=[nfkc], validators=[DataRequired(REQUIRED), Length(max=200)])
    address_from_licence_back = BooleanField()
    phone = StringField(filters=[nfkc], validators=[DataRequired(REQUIRED), phone_number])
    email = EmailField(filters=[nfkc], validators=[Optional(), Email(EMAIL_FORMAT, check_deliverability=False)])
    emergency_name = StringField(filters=[nfkc], validators=[Optional(), Length(max=50)])
    emergency_relation = StringField(filters=[nfkc], validators=[Optional(), Length(max=20)])
    emergency_phone = StringField(filters=[nfkc], validators=[optional_phone_number])
    main_trade = SelectField(validators=[DataRequired(_l("職種を選んでください。"))], choices=[])
    experience_years = IntegerField(
        validators=[InputRequired(REQUIRED), NumberRange(0, 70, message=_l("0から70までの数字で入力してください。"))]
    )
    health_insurance = SelectField(choices=[], validators=[Optional()])
    pension = SelectField(choices=[], validators=[Optional()])
    employment_insurance = SelectField(choices=[], validators=[Optional()])
    kentaikyo_number = StringField(filters=[nfkc], validators=[Optional()])
    chutaikyo = BooleanField()
    health_check_date = DateField(validators=[Optional()])

    def __init__(self, section, worker, *args, **kwargs):
        super().__init__(section, worker, *args, **kwargs)
        choices = {
            "gender": codes.choices(codes.GENDERS),
            "blood_type": codes.choices(codes.BLOOD_TYPES, blank=PICK),
            "main_trade": codes.choices(codes.TRADES, blank=PICK),
            **{
                f: codes.choices(codes.INSURANCE_STATUSES, blank=PICK)
                for f in ("health_insurance", "pension", "employment_insurance")
            },
        }
        for name, items in choices.items():
            if name in self:
                self[name].choices = items

    def validate_family_kana(self, field):
        # Furigana may be left out only by a foreign national whose document has none (Q5-14).
        if not field.data and not self.subject.no_kana_on_document:
            raise ValidationError(_l("フリガナを入力してください。"))

    def validate_given_kana(self, field):
        self.validate_family_kana(field)

    def validate_kentaikyo_number(self, field):
        if field.data and not re.fullmatch(r"\d{9}", field.data):
            raise ValidationError(_l("建退共の被共済者番号は9桁の数字で入力してください。"))

    def validate_health_check_date(self, field):
        if field.data and field.data > clock.today():
            raise ValidationError(_l("受診日に未来の日付は入力できません。"))


class LinkCompanyForm(FlaskForm):
    """The worker proposes an affiliation to a company by its 事業者ID."""

    business_id = StringField(
        _l("事業者ID（14桁）"), filters=[normalize_id], validators=[DataRequired(REQUIRED), checked_id]
    )
    kind = RadioField(_l("所属の種類"), default="other", validators=[DataRequired(REQUIRED)], choices=[])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind.choices = link_kind_choices()
