"""Forms of the company (事業者) application, one per section of models/registration/fields/sets.py COMPANY_SECTIONS.
Form field names are the fieldset names, so deficiencies, completeness and forms speak alike."""

import datetime as dt
from functools import partial

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from werkzeug.datastructures import MultiDict
from wtforms import HiddenField, RadioField
from wtforms.fields import SelectChoice
from wtforms.validators import DataRequired, ValidationError

from blueprints.shared.fields import CHOOSE, field, rule_messages
from blueprints.shared.formfields import NOT_A_CHOICE
from models.accounts.companies import alt_document_is_recent
from models.core import clock, codes
from models.registration.fields.rules import FieldValueError, for_record
from models.registration.fields.sets import field_label, section_fields

C = partial(field, "company")


class SectionForm(FlaskForm):
    """A section's form, composed of the registration fields (blueprints/shared/fields.py). `stored`
    gives the saved values in form-data shape, so a form can be shown from the database or rebuilt
    from saved values plus the few fields the applicant may change."""

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

    def rule_values(self):
        """The section's values as the record would hold them, for the rules across fields."""
        return {"entity_type": self.entity_type, **{name: self._rule_value(name) for name in self.FIELDS}}

    def validate(self, extra_validators=None):
        valid = super().validate(extra_validators)
        return rule_messages(self, "company", self.rule_values()) and valid

    def model_value(self, name):
        return for_record("company", name, self[name].data)

    def _rule_value(self, name):
        try:
            return self.model_value(name)
        except FieldValueError:  # already shown beside the field
            return None

    def save_to(self, company, names):
        """Writes the given fields (the ones the applicant may change) to the company."""
        for name in names:
            if name in self.FIELDS:
                setattr(company, name, self.model_value(name))


class StartForm(FlaskForm):
    entity_type = C("entity_type")


class BasicForm(SectionForm):
    FIELDS = section_fields("company", "basic")
    entity_type = C("entity_type")
    name = C("name", rule="trade_name_given")  # blank for a one-person operator without 屋号
    name_kana = C("name_kana")
    representative_name = C("representative_name")
    postal_code = C("postal_code")
    address = C("address")
    phone = C("phone")
    email = C("email")
    capital = C("capital")
    employee_count = C("employee_count")

    def rule_values(self):
        return {**super().rule_values(), "entity_type": self.entity_type.data}

    @classmethod
    def stored_value(cls, company, name):
        if name == "name":
            return company.trade_name_given  # blank stays blank: the 商号 is derived from the representative
        if name in ("capital", "employee_count") and not company.representative_name:
            return ""  # a fresh draft shows empty boxes rather than zeros
        return super().stored_value(company, name)

    def save_to(self, company, names):
        super().save_to(company, [n for n in names if n != "name"])
        company.set_names((self.name.data or "") if "name" in names else None)


LICENCE_FIELDS = ("licence_authority", "licence_kind", "licence_number", "licence_trades")
ALT_FIELDS = ("alt_document", "alt_document_date")


class LicenceForm(SectionForm):
    FIELDS = section_fields("company", "licence")
    # Yes or no, nothing chosen until the section is saved once (the change form has a checkbox).
    has_licence = RadioField(
        field_label("company", "has_licence"),
        validators=[DataRequired(_l("建設業許可の有無を選んでください。"))],
        choices=[SelectChoice("yes", _l("許可あり")), SelectChoice("no", _l("許可なし"))],
        invalid_choice_message=NOT_A_CHOICE,
    )
    licence_authority = C("licence_authority")
    licence_kind = C("licence_kind")
    licence_number = C("licence_number")
    licence_trades = C("licence_trades")
    alt_document = C("alt_document")
    alt_document_date = C("alt_document_date")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
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

    def validate_alt_document(self, field):
        if field.data and field.data not in codes.ALT_DOCUMENTS_FOR.get(self.entity_type, []):
            raise ValidationError(NOT_A_CHOICE)

    def validate(self, extra_validators=None):
        valid = super().validate(extra_validators)
        if self.has_licence.data == "no":
            if not self.alt_document.data and not self.alt_document.errors:
                self.alt_document.errors.append(_l("建設業許可がない場合は、事業者確認書類を選んでください。"))
            self._check_alt_document_date()
        return valid and not any(self[n].errors for n in self.FIELDS)

    def _check_alt_document_date(self):
        day, field = self.alt_document_date.data, self.alt_document_date
        if field.errors:
            return
        if day is None:
            field.errors.append(_l("書類の証明日を入力してください。"))
        elif not alt_document_is_recent(day, clock.today()):
            field.errors.append(
                _l("証明日が1年以上前の書類は使えません。証明日が1年以内の書類を取得して添付してください。")
            )

    def model_value(self, name):
        if name == "has_licence":
            return self.has_licence.data == "yes"
        return super().model_value(name)

    def save_to(self, company, names):
        super().save_to(company, names)
        # Only one route applies: keep the licence data or the substitute document, not both.
        unused = ALT_FIELDS if company.has_licence else LICENCE_FIELDS
        for name in unused:
            setattr(company, name, None if name == "alt_document_date" else "")


class OfficerForm(SectionForm):
    FIELDS = section_fields("company", "officer")
    officer_name = C("officer_name")
    officer_postal_code = C("officer_postal_code")
    officer_address = C("officer_address")
    officer_phone = C("officer_phone")
    officer_email = C("officer_email")

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


class InsuranceForm(SectionForm):
    FIELDS = section_fields("company", "insurance")
    health_insurance = C("health_insurance")
    pension = C("pension")
    employment_insurance = C("employment_insurance")
    employment_insurance_number = C("employment_insurance_number")
    rousai_special = C("rousai_special")
    rousai_number = C("rousai_number")


SECTION_FORMS = {"basic": BasicForm, "licence": LicenceForm, "officer": OfficerForm, "insurance": InsuranceForm}


class UploadForm(FlaskForm):
    purpose = HiddenField()
    file = FileField(_l("ファイル（JPEG・PNG・PDF、5MBまで）"))
