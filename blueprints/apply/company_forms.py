"""Forms of the company (事業者) application, one per section of models/fieldsets.COMPANY_SECTIONS.
Form field names are the fieldset names, so deficiencies, completeness and forms speak alike."""

import datetime as dt
import re
import unicodedata

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from werkzeug.datastructures import MultiDict
from wtforms import (
    BooleanField,
    DateField,
    EmailField,
    HiddenField,
    IntegerField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
)
from wtforms.validators import DataRequired, Email, InputRequired, Length, NumberRange, Optional, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget, TextInput

from blueprints.shared.formfields import REQUIRED, katakana_only, nfkc, phone_number, postal_code, to_katakana
from models import clock, codes
from models.companies import (
    Company,
    alt_document_is_recent,
    split_employment_insurance_number,
    split_rousai_special_number,
)

EMAIL = _l("メールアドレスの形式が正しくありません（例: taro@example.jp）。")
BAD_DATE = _l("日付を正しく入力してください（例: 2025-04-01）。")
CHOOSE = _l("選んでください")
NOT_A_CHOICE = _l("一覧から選んでください。")


class WholeNumberField(IntegerField):
    """A yen amount or a head count typed on a phone: full-width digits, commas and 円/人 accepted."""

    widget = TextInput()

    def process_formdata(self, valuelist):
        if not valuelist:
            return
        text = re.sub(r"[,\s円人]", "", unicodedata.normalize("NFKC", valuelist[0] or ""))
        if not text:
            self.data = None
            return
        if not text.isdigit() or len(text) > 15:
            self.data = None
            raise ValueError(_l("半角数字で入力してください（例: 10000000）。"))
        self.data = int(text)


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class SectionForm(FlaskForm):
    """A section's form. `stored` gives the saved values in form-data shape, so a form can be shown
    from the database or rebuilt from saved values plus the few fields the applicant may change."""

    def __init__(self, *args, entity_type="corporation", **kwargs):
        self.entity_type = entity_type
        super().__init__(*args, **kwargs)

    @classmethod
    def stored(cls, company):
        data = MultiDict()
        for name in cls.FIELDS:
            value = cls.stored_value(company, name)
            if isinstance(value, list):
                data.setlist(name, value)
            elif value is True:
                data[name] = "y"
            elif value is not None and value is not False and value != "":
                data[name] = str(value)
        return data

    @classmethod
    def stored_value(cls, company, name):
        value = getattr(company, name)
        return value.isoformat() if isinstance(value, dt.date) else value

    def model_value(self, name):
        field = self[name]
        if isinstance(field, BooleanField):
            return bool(field.data)
        if isinstance(field, IntegerField):
            return field.data or 0
        if isinstance(field, DateField):
            return field.data
        return field.data or ""

    def save_to(self, company, names):
        """Writes the given fields (the ones the applicant may change) to the company."""
        for name in names:
            if name in self.FIELDS:
                setattr(company, name, self.model_value(name))


class StartForm(FlaskForm):
    entity_type = RadioField(
        _l("法人・個人区分"),
        validators=[DataRequired(_l("法人・個人区分を選んでください。"))],
        choices=[],
        invalid_choice_message=NOT_A_CHOICE,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.entity_type.choices = codes.choices(codes.ENTITY_TYPES)


class BasicForm(SectionForm):
    FIELDS = (
        "entity_type",
        "name",
        "name_kana",
        "representative_name",
        "postal_code",
        "address",
        "phone",
        "email",
        "capital",
        "employee_count",
    )
    entity_type = RadioField(
        _l("法人・個人区分"),
        validators=[DataRequired(_l("法人・個人区分を選んでください。"))],
        choices=[],
        invalid_choice_message=NOT_A_CHOICE,
    )
    name = StringField(
        _l("商号または名称"),
        filters=[nfkc],
        validators=[Length(max=100)],
        description=_l("一人親方で屋号がない場合は空欄にしてください。代表者氏名が商号になります。"),
    )
    name_kana = StringField(
        _l("商号フリガナ"),
        filters=[to_katakana],
        validators=[DataRequired(REQUIRED), Length(max=100), katakana_only],
        description=_l("屋号がない一人親方は代表者氏名のフリガナを入力してください。"),
    )
    representative_name = StringField(
        _l("代表者氏名"), filters=[nfkc], validators=[DataRequired(REQUIRED), Length(max=100)]
    )
    postal_code = StringField(_l("郵便番号"), filters=[nfkc], validators=[DataRequired(REQUIRED), postal_code])
    address = StringField(
        _l("所在地"),
        filters=[nfkc],
        validators=[DataRequired(REQUIRED), Length(max=200)],
        description=_l("都道府県から建物名・部屋番号まで入力してください。"),
    )
    phone = StringField(_l("電話番号"), filters=[nfkc], validators=[DataRequired(REQUIRED), phone_number])
    email = EmailField(
        _l("メールアドレス"), filters=[nfkc], validators=[Optional(), Email(EMAIL, check_deliverability=False)]
    )
    capital = WholeNumberField(
        _l("資本金（円）"), description=_l("法人は必須です。円単位で入力してください（例: 10000000）。")
    )
    employee_count = WholeNumberField(
        _l("従業員数（人）"),
        validators=[
            InputRequired(REQUIRED),
            NumberRange(min=0, max=10_000_000, message=_l("人数を正しく入力してください。")),
        ],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.entity_type.choices = codes.choices(codes.ENTITY_TYPES)

    @classmethod
    def stored_value(cls, company, name):
        if name == "name":
            return company.trade_name_given  # blank stays blank: the 商号 is derived from the representative
        if name in ("capital", "employee_count") and not company.representative_name:
            return ""  # a fresh draft shows empty boxes rather than zeros
        return super().stored_value(company, name)

    def validate_name(self, field):
        if field.data or self.entity_type.data == "one_person":
            return
        if self.entity_type.data == "sole":
            raise ValidationError(
                _l(
                    "屋号がない個人事業主の方は、法人・個人区分で「一人親方」を選んでください"
                    "（代表者氏名が商号になります）。"
                )
            )
        raise ValidationError(_l("商号を入力してください。"))

    def validate_capital(self, field):
        if self.entity_type.data == "corporation" and not field.data:
            raise ValidationError(_l("法人は資本金を入力してください。"))

    def save_to(self, company, names):
        super().save_to(company, [n for n in names if n != "name"])
        if "name" in names:
            company.trade_name_given = self.name.data or ""
        # Seed Q4-5: no trade name → the representative's name is the 商号.
        company.name = Company.name_for(company.entity_type, company.trade_name_given, company.representative_name)


LICENCE_FIELDS = ("licence_authority", "licence_kind", "licence_number", "licence_trades")
ALT_FIELDS = ("alt_document", "alt_document_date")


class LicenceForm(SectionForm):
    FIELDS = ("has_licence",) + LICENCE_FIELDS + ALT_FIELDS
    has_licence = RadioField(
        _l("建設業許可の有無"),
        validators=[DataRequired(_l("建設業許可の有無を選んでください。"))],
        choices=[],
        invalid_choice_message=NOT_A_CHOICE,
    )
    licence_authority = SelectField(_l("許可行政庁"), choices=[], default="", invalid_choice_message=NOT_A_CHOICE)
    licence_kind = RadioField(_l("般・特"), choices=[], validate_choice=False)
    licence_number = StringField(
        _l("許可番号"), filters=[nfkc], description=_l("許可証明書の「第○○号」の数字（6桁以内）。")
    )
    licence_trades = MultiCheckboxField(
        _l("許可業種"),
        choices=[],
        invalid_choice_message=NOT_A_CHOICE,
        description=_l("許可を受けている業種をすべて選んでください。"),
    )
    alt_document = SelectField(_l("事業者確認書類"), choices=[], default="", invalid_choice_message=NOT_A_CHOICE)
    alt_document_date = DateField(
        _l("証明日"),
        validators=[Optional()],
        invalid_value_message=BAD_DATE,
        description=_l("書類の証明日（発行日）。1年以内のものに限ります。"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.has_licence.choices = [("yes", _l("許可あり")), ("no", _l("許可なし"))]
        self.licence_authority.choices = codes.choices(codes.LICENCE_AUTHORITIES, blank=CHOOSE)
        self.licence_kind.choices = codes.choices(codes.LICENCE_KINDS)
        self.licence_trades.choices = codes.choices(codes.LICENCE_TRADES)
        allowed = codes.ALT_DOCUMENTS_FOR.get(self.entity_type, [])
        self.alt_document.choices = [("", CHOOSE)] + [
            (c, label) for c, label in codes.choices(codes.ALT_DOCUMENTS) if c in allowed
        ]

    @classmethod
    def stored_value(cls, company, name):
        if name == "has_licence":  # nothing chosen until the section was saved once
            return "yes" if company.has_licence else ("no" if company.alt_document else "")
        if name == "licence_trades":
            return company.licence_trade_codes
        return super().stored_value(company, name)

    def validate(self, extra_validators=None):
        valid = super().validate(extra_validators)
        if self.has_licence.data == "yes":
            required = {
                "licence_authority": _l("許可行政庁を選んでください。"),
                "licence_kind": _l("一般（般）か特定（特）かを選んでください。"),
                "licence_number": _l("許可番号を入力してください。"),
                "licence_trades": _l("許可業種を1つ以上選んでください。"),
            }
            for name, message in required.items():
                if not self[name].data and not self[name].errors:
                    self[name].errors.append(message)
            if self.licence_kind.data and self.licence_kind.data not in codes.codes(codes.LICENCE_KINDS):
                self.licence_kind.errors.append(NOT_A_CHOICE)
            number = self.licence_number.data or ""
            if number and not re.fullmatch(r"\d{1,6}", number):
                self.licence_number.errors.append(_l("許可番号は6桁以内の数字で入力してください（例: 012345）。"))
        elif self.has_licence.data == "no":
            if not self.alt_document.data:
                self.alt_document.errors.append(_l("建設業許可がない場合は、事業者確認書類を選んでください。"))
            self._check_alt_document_date()
        return valid and not any(self[n].errors for n in self.FIELDS)

    def _check_alt_document_date(self):
        day, field = self.alt_document_date.data, self.alt_document_date
        if field.errors:
            return
        today = clock.today()
        if day is None:
            field.errors.append(_l("書類の証明日を入力してください。"))
        elif day > today:
            field.errors.append(_l("証明日が未来の日付になっています。"))
        elif not alt_document_is_recent(day, today):
            field.errors.append(
                _l("証明日が1年以上前の書類は使えません。証明日が1年以内の書類を取得して添付してください。")
            )

    def model_value(self, name):
        if name == "has_licence":
            return self.has_licence.data == "yes"
        if name == "licence_trades":
            return ",".join(c for c in codes.codes(codes.LICENCE_TRADES) if c in (self.licence_trades.data or []))
        return super().model_value(name)

    def save_to(self, company, names):
        super().save_to(company, names)
        # Only one route applies: keep the licence data or the substitute document, not both.
        unused = ALT_FIELDS if company.has_licence else LICENCE_FIELDS
        for name in unused:
            setattr(company, name, None if name == "alt_document_date" else "")


class OfficerForm(SectionForm):
    FIELDS = ("officer_name", "officer_postal_code", "officer_address", "officer_phone", "officer_email")
    officer_name = StringField(
        _l("登録責任者氏名"),
        filters=[nfkc],
        validators=[DataRequired(REQUIRED), Length(max=100)],
        description=_l("郵便受けに書かれている氏名と同じにしてください。"),
    )
    officer_postal_code = StringField(
        _l("登録責任者郵便番号"), filters=[nfkc], validators=[DataRequired(REQUIRED), postal_code]
    )
    officer_address = StringField(
        _l("登録責任者住所"),
        filters=[nfkc],
        validators=[DataRequired(REQUIRED), Length(max=200)],
        description=_l("建物名・部屋番号まで省略せずに入力してください。"),
    )
    officer_phone = StringField(
        _l("登録責任者電話番号"), filters=[nfkc], validators=[DataRequired(REQUIRED), phone_number]
    )
    officer_email = EmailField(
        _l("登録責任者メールアドレス"),
        filters=[nfkc],
        validators=[DataRequired(REQUIRED), Email(EMAIL, check_deliverability=False)],
    )

    FROM_COMPANY = {
        "officer_name": "representative_name",
        "officer_postal_code": "postal_code",
        "officer_address": "address",
        "officer_phone": "phone",
        "officer_email": "email",
    }

    @classmethod
    def stored_value(cls, company, name):
        if not company.officer_name:  # never saved: start from the company's own details
            return getattr(company, cls.FROM_COMPANY[name])
        return super().stored_value(company, name)


EMPLOYMENT_NUMBER_ERRORS = {
    "length": _l("雇用保険番号は14桁で入力してください（府県2桁・所掌1桁・管轄2桁・基幹番号6桁・枝番号3桁）。"),
    "jurisdiction": _l("3桁目の所掌は「3」です。雇用保険事業所番号ではなく、所掌が「3」の番号を入力してください。"),
    "prefecture": _l("最初の2桁（府県）は01〜47の都道府県番号です。"),
}
ROUSAI_NUMBER_ERRORS = {
    "length": _l(
        "特別加入の労災保険番号は16桁で入力してください（府県2桁・所掌1桁・管轄2桁・基幹番号6桁・枝番号5桁）。"
    ),
    "prefecture": _l("最初の2桁（府県）は01〜47の都道府県番号です。"),
}


class InsuranceForm(SectionForm):
    FIELDS = (
        "health_insurance",
        "pension",
        "employment_insurance",
        "employment_insurance_number",
        "rousai_special",
        "rousai_number",
    )
    health_insurance = RadioField(
        _l("健康保険"),
        validators=[DataRequired(_l("加入状況を選んでください。"))],
        choices=[],
        invalid_choice_message=NOT_A_CHOICE,
    )
    pension = RadioField(
        _l("厚生年金"),
        validators=[DataRequired(_l("加入状況を選んでください。"))],
        choices=[],
        invalid_choice_message=NOT_A_CHOICE,
    )
    employment_insurance = RadioField(
        _l("雇用保険"),
        validators=[DataRequired(_l("加入状況を選んでください。"))],
        choices=[],
        invalid_choice_message=NOT_A_CHOICE,
    )
    employment_insurance_number = StringField(
        _l("雇用保険番号"),
        filters=[nfkc],
        description=_l(
            "14桁: 府県2・所掌1・管轄2・基幹番号6・枝番号3（例: 13-3-01-123456-000）。所掌は「3」です。"
            "雇用保険事業所番号ではありません。"
        ),
    )
    rousai_special = BooleanField(_l("労災保険に特別加入している（労災保険法第33〜36条）"))
    rousai_number = StringField(
        _l("労災保険番号（特別加入）"),
        filters=[nfkc],
        description=_l("特別加入の方だけ入力します。16桁: 府県2・所掌1・管轄2・基幹番号6・枝番号5。"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("health_insurance", "pension", "employment_insurance"):
            self[name].choices = codes.choices(codes.INSURANCE_STATUSES)

    def validate_employment_insurance_number(self, field):
        if self.employment_insurance.data != "enrolled":
            if field.data:
                raise ValidationError(_l("雇用保険に「加入」の場合だけ入力してください。"))
            return
        if not field.data:
            raise ValidationError(_l("雇用保険に加入している場合は雇用保険番号を入力してください。"))
        _parts, error = split_employment_insurance_number(field.data)
        if error:
            raise ValidationError(EMPLOYMENT_NUMBER_ERRORS[error])

    def validate_rousai_number(self, field):
        # Seed Q4-7: the 労災 number is registered only by special enrollees.
        if not self.rousai_special.data:
            if field.data:
                raise ValidationError(
                    _l(
                        "労災保険番号は特別加入者（労災保険法第33〜36条）だけが登録できます。"
                        "特別加入していない場合は空欄にしてください。"
                    )
                )
            return
        if not field.data:
            raise ValidationError(_l("特別加入している場合は労災保険番号を入力してください。"))
        _parts, error = split_rousai_special_number(field.data)
        if error:
            raise ValidationError(ROUSAI_NUMBER_ERRORS[error])

    def model_value(self, name):
        if name in ("employment_insurance_number", "rousai_number"):
            return re.sub(r"\D", "", self[name].data or "")
        return super().model_value(name)


SECTION_FORMS = {"basic": BasicForm, "licence": LicenceForm, "officer": OfficerForm, "insurance": InsuranceForm}


class UploadForm(FlaskForm):
    purpose = HiddenField()
    file = FileField(_l("ファイル（JPEG・PNG・PDF、5MBまで）"))
