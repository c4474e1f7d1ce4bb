"""Forms of the worker application (技能者情報登録申請), one per section and one per kind of detail row.
Labels are the catalogue's (models/registration/fields/sets.py LABELS), as on the reviewer's screen."""

from functools import partial

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import DateField, RadioField, SelectField, StringField
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from blueprints.shared.fields import CHOOSE, MESSAGES, field, rule_messages
from blueprints.shared.formfields import REQUIRED, nfkc
from models.accounts.employers import EMPLOYER_KINDS
from models.accounts.worker_rules import certificate_name_ok, counter_only
from models.core import clock, codes
from models.registration.fields.rules import for_record

DOCUMENT_TYPES = "image/jpeg,image/png,application/pdf"
W = partial(field, "worker")


def not_in_future(form, field):
    if field.data and field.data > clock.today():
        raise ValidationError(MESSAGES["future"])


class SectionForm(FlaskForm):
    """One section of the worker application, composed of the registration fields
    (blueprints/shared/fields.py). A form field answers to its fieldset name (models/registration/fields/sets.py;
    ALIASES when it differs), which the fix-mode rule (models/registration/worker_applications.py) opens or not."""

    ALIASES = {}

    def key_of(self, name):
        return self.ALIASES.get(name, name)

    def validate(self, extra_validators=None):
        valid = super().validate(extra_validators)
        return rule_messages(self, "worker", {f.name: f.data for f in self}) and valid

    def worker_values(self, names):
        """{attribute: value} of the Worker attributes among `names`, as the record stores them."""
        return {name: for_record("worker", name, self[name].data) for name in names if name in self}


class IdentityForm(SectionForm):
    family_name = W("family_name")
    given_name = W("given_name")
    middle_name = W("middle_name")
    family_kana = W("family_kana")
    given_kana = W("given_kana")
    no_kana_on_document = W("no_kana_on_document")
    alias_name = W("alias_name")
    print_alias = W("print_alias")
    birth_date = W("birth_date")
    gender = W("gender")
    nationality = W("nationality", default="日本")
    blood_type = W("blood_type")


class ContactForm(SectionForm):
    postal_code = W("postal_code")
    address = W("address")
    address_from_licence_back = W("address_from_licence_back")
    phone = W("phone")
    email = W("email")
    emergency_name = W("emergency_name")
    emergency_relation = W("emergency_relation")
    emergency_phone = W("emergency_phone")


class WorkForm(SectionForm):
    main_trade = W("main_trade")
    experience_years = W("experience_years")
    trades = W("trades")
    registration_type = W("registration_type", default="detailed")


class InsuranceForm(SectionForm):
    health_insurance = W("health_insurance")
    pension = W("pension")
    employment_insurance = W("employment_insurance")
    kentaikyo_number = W("kentaikyo_number")
    chutaikyo = W("chutaikyo")
    health_check_date = W("health_check_date")


class ResidenceForm(SectionForm):
    """在留資格 and the 在留カード of a foreign national (its images are the identity document's)."""

    residence_status = W("residence_status")
    residence_card_number = W("residence_card_number")
    residence_until = W("residence_until")
    acceptance_plan_number = W("acceptance_plan_number")

    def __init__(self, *args, worker=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.worker = worker

    def validate(self, extra_validators=None):
        valid = super(SectionForm, self).validate(extra_validators)
        values = {"nationality": self.worker.nationality, **{f.name: f.data for f in self}}
        return rule_messages(self, "worker", values) and valid


# Seed Q4-6/Q5-2, said wherever an online application meets a document without a photo.
COUNTER_ONLY = _l(
    "顔写真のない本人確認書類（または本人確認書類なし）では、窓口で顔の確認が必要なため、インターネットでは申請できません。"
    "認定登録機関の窓口で申請してください（登録料は窓口の料金です）。顔写真付きの書類があれば、それを選んでください。"
)


class DocumentsForm(SectionForm):
    """本人確認書類と顔写真. A file already uploaded need not be chosen again."""

    ALIASES = {
        "id_image": "attachment:id_document",
        "back_image": "attachment:id_document_back",
        "face_photo": "attachment:face_photo",
    }
    FILE_PURPOSES = {"id_image": "id_document", "back_image": "id_document_back", "face_photo": "face_photo"}

    id_document = W("id_document")
    id_image = FileField(
        _l("本人確認書類（画像）"),
        render_kw={"accept": DOCUMENT_TYPES},
        description=_l("JPEG・PNG・PDF、5MBまで。マイナンバーカードは表面だけを撮影してください。"),
    )
    back_image = FileField(
        _l("本人確認書類 裏面（画像）"),
        render_kw={"accept": DOCUMENT_TYPES},
        description=_l(
            "運転免許証の裏面の住所で申請する場合は裏面（表面と裏面を一枚に写したものでも可）、"
            "パスポートの場合は住民票を添付してください。"
        ),
    )
    face_photo = FileField(
        _l("顔写真"),
        render_kw={"accept": "image/jpeg,image/png"},
        description=_l("6か月以内に撮影した、正面・無帽・無背景の写真。縦長で、横294×縦378ピクセル以上。"),
    )

    def __init__(self, *args, worker=None, stored=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.worker, self.stored = worker, set(stored)

    def _needs(self, field, message):
        if not field.data and self.FILE_PURPOSES[field.name] not in self.stored:
            raise ValidationError(message)

    def validate_id_document(self, field):
        if counter_only(field.data):
            raise ValidationError(COUNTER_ONLY)
        if self.worker.address_from_licence_back and field.data != "driving_licence":
            raise ValidationError(_l("運転免許証の裏面の住所で申請する場合は、運転免許証を選んでください。"))

    def validate_id_image(self, field):
        self._needs(field, _l("本人確認書類の画像を添付してください。"))

    def validate_back_image(self, field):
        if self.worker.address_from_licence_back:
            self._needs(field, _l("運転免許証の裏面の住所で申請するため、裏面の画像を添付してください。"))
        elif self.id_document.data == "passport":
            self._needs(field, _l("パスポートの場合は住民票の画像を添付してください。"))
        elif self.id_document.data == "residence_card":
            self._needs(field, _l("在留カードの場合は裏面の画像も添付してください。"))

    def validate_face_photo(self, field):
        self._needs(field, _l("顔写真を添付してください。"))

    def uploads(self):
        """[(form field, purpose)] of the files chosen this time."""
        return [(self[name], purpose) for name, purpose in self.FILE_PURPOSES.items() if self[name].data]


# --- detail rows --------------------------------------------------------------------------------


def certificate_required(form, field):
    if not field.data:
        raise ValidationError(_l("証明書の画像を添付してください。"))


class RowForm(FlaskForm):
    """A detail row added to the application; VALUES are the fields stored on the row."""

    VALUES = ()

    def __init__(self, *args, worker=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.worker = worker

    def values(self):
        return {n: "" if self[n].data is None and self[n].type != "DateField" else self[n].data for n in self.VALUES}


class QualificationForm(RowForm):
    VALUES = ("kind", "name", "number", "acquired_on", "name_on_certificate", "name_note")

    kind = SelectField(_l("資格の種類"), validators=[DataRequired(_l("資格の種類を選んでください。"))], choices=[])
    name = StringField(_l("資格名"), filters=[nfkc], validators=[DataRequired(REQUIRED), Length(max=100)])
    number = StringField(_l("証明書番号"), filters=[nfkc], validators=[Optional(), Length(max=50)])
    acquired_on = DateField(
        _l("取得日"), invalid_value_message=MESSAGES["date"], validators=[Optional(), not_in_future]
    )
    name_on_certificate = StringField(
        _l("証明書に記載の氏名（登録する氏名と異なる場合）"),
        filters=[nfkc],
        validators=[Optional(), Length(max=100)],
        description=_l("旧姓・通称で発行された証明書は、本人情報に旧姓・通称を登録すればそのまま使えます。"),
    )
    name_note = StringField(
        _l("氏名が異なる理由"),
        filters=[nfkc],
        validators=[Length(max=200)],
        description=_l("証明書の氏名が登録する氏名とも旧姓・通称とも違う場合に入力してください。"),
    )
    certificate = FileField(
        _l("資格証明書（画像）"),
        validators=[certificate_required],
        render_kw={"accept": DOCUMENT_TYPES},
        description=_l("資格ごとに1枚。JPEG・PNG・PDF、5MBまで。"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind.choices = codes.choices(codes.QUALIFICATION_KINDS, blank=CHOOSE)

    def validate_name_note(self, field):
        if not certificate_name_ok(self.worker, self.name_on_certificate.data, field.data):
            raise ValidationError(
                _l(
                    "証明書の氏名が、登録する氏名とも旧姓・通称とも違います。"
                    "本人情報に旧姓・通称を登録するか、理由を入力してください。"
                )
            )


class TrainingForm(RowForm):
    VALUES = ("name", "completed_on")

    name = StringField(_l("研修名"), filters=[nfkc], validators=[DataRequired(REQUIRED), Length(max=100)])
    completed_on = DateField(
        _l("修了日"), invalid_value_message=MESSAGES["date"], validators=[Optional(), not_in_future]
    )


class AwardForm(RowForm):
    VALUES = ("name", "awarded_by", "awarded_on")

    name = StringField(_l("表彰名"), filters=[nfkc], validators=[DataRequired(REQUIRED), Length(max=100)])
    awarded_by = StringField(_l("表彰者（団体名）"), filters=[nfkc], validators=[Optional(), Length(max=100)])
    awarded_on = DateField(_l("表彰日"), invalid_value_message=MESSAGES["date"], validators=[Optional(), not_in_future])


class EducationForm(RowForm):
    VALUES = ("school", "department", "graduated_on")

    school = StringField(_l("学校名"), filters=[nfkc], validators=[DataRequired(REQUIRED), Length(max=100)])
    department = StringField(_l("学部・学科"), filters=[nfkc], validators=[Optional(), Length(max=100)])
    graduated_on = DateField(
        _l("卒業年月日"), invalid_value_message=MESSAGES["date"], validators=[Optional(), not_in_future]
    )
    certificate = FileField(
        _l("卒業証明書（画像）"),
        validators=[certificate_required],
        render_kw={"accept": DOCUMENT_TYPES},
        description=_l("学歴を登録する場合は、卒業証明書（原本）をスマートフォンなどで撮影して添付してください。"),
    )


class EmployerForm(RowForm):
    """所属事業者 by 事業者ID; a one-person operator's main one is their own company (Q5-8)."""

    business_id = StringField(_l("事業者ID（14桁）"), filters=[nfkc], validators=[DataRequired(REQUIRED)])
    kind = RadioField(_l("所属の区分"), validators=[DataRequired(REQUIRED)], choices=[])

    def __init__(self, *args, one_person=False, **kwargs):
        super().__init__(*args, **kwargs)
        labels = {
            "main": _l("主たる所属事業者（出向中の方は出向元）"),
            "other": _l("その他の所属事業者"),
            "secondment": _l("出向先"),
        }
        kinds = [k for k in EMPLOYER_KINDS if not (one_person and k == "main")]
        self.kind.choices = [(k, labels[k]) for k in kinds]
        if not self.kind.raw_data:
            self.kind.data = kinds[0]


ROW_FORMS = {
    "qualifications": QualificationForm,
    "trainings": TrainingForm,
    "awards": AwardForm,
    "educations": EducationForm,
    "employers": EmployerForm,
}
SECTION_FORMS = {
    "identity": IdentityForm,
    "contact": ContactForm,
    "work": WorkForm,
    "insurance": InsuranceForm,
    "residence": ResidenceForm,
    "documents": DocumentsForm,
}
