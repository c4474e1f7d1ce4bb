"""Forms of the worker application (技能者情報登録申請), one per section and one per kind of detail row.
Labels follow models/fieldsets.py WORKER_SECTIONS."""

import re

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import BooleanField, DateField, EmailField, IntegerField, RadioField, SelectField, StringField
from wtforms.validators import DataRequired, Email, Length, Optional, ValidationError

from blueprints.shared.formfields import (
    EMAIL_FORMAT,
    REQUIRED,
    MultiCheckboxField,
    katakana_only,
    nfkc,
    optional_phone_number,
    phone_number,
    postal_code,
    to_katakana,
)
from models import clock, codes
from models.employers import EMPLOYER_KINDS
from models.worker_rules import certificate_name_ok, is_japanese, kana_required, normalize_kentaikyo
from models.workers import Worker

DOCUMENT_TYPES = "image/jpeg,image/png,application/pdf"
BAD_DATE = _l("日付を正しく入力してください（例: 2020-04-01）。")
YEARS = _l("経験年数は0〜70の数字で入力してください。")


def postal_format(value):
    """160-0023 whatever way the 7 digits were typed."""
    value = nfkc(value)
    digits = re.sub(r"\D", "", value or "")
    return f"{digits[:3]}-{digits[3:]}" if len(digits) == 7 else value


def kentaikyo_filter(value):
    return normalize_kentaikyo(value)[0] if value is not None else value


def not_in_future(form, field):
    if field.data and field.data > clock.today():
        raise ValidationError(_l("未来の日付は入力できません。"))


def years_range(form, field):
    if field.data is not None and not 0 <= field.data <= 70:
        raise ValidationError(YEARS)


class SectionForm(FlaskForm):
    """One section of the worker application. In fix mode (不備) only the fields the reviewer returned
    open: a form field answers to its fieldset name (models/fieldsets.py; ALIASES when it differs) and
    also opens with the COMPANIONS it depends on."""

    ALIASES = {}
    COMPANIONS = {}

    def key_of(self, name):
        return self.ALIASES.get(name, name)

    def opens(self, name, deficiencies):
        """`deficiencies` is None for a draft (everything open) or {returned field: message}."""
        if deficiencies is None:
            return True
        return self.key_of(name) in deficiencies or any(k in deficiencies for k in self.COMPANIONS.get(name, ()))

    def worker_values(self, names):
        """{attribute: value} of the Worker attributes among `names`; a field left out of the post
        stores the column's default rather than NULL."""
        values = {}
        for name in names:
            column = Worker._meta.fields.get(name)
            if column is not None:
                value = self[name].data
                values[name] = column.default if value is None and not column.null else value
        return values


class IdentityForm(SectionForm):
    COMPANIONS = {
        "no_kana_on_document": ("family_kana", "given_kana", "nationality"),
        "print_alias": ("alias_name",),
        "alias_name": ("print_alias",),
    }

    family_name = StringField(_l("姓"), filters=[nfkc], validators=[DataRequired(REQUIRED), Length(max=50)])
    given_name = StringField(_l("名"), filters=[nfkc], validators=[DataRequired(REQUIRED), Length(max=50)])
    middle_name = StringField(
        _l("ミドルネーム"),
        filters=[nfkc],
        validators=[Optional(), Length(max=50)],
        description=_l("ミドルネームがある方だけ入力してください（名の後ろに印字されます）。"),
    )
    family_kana = StringField(_l("セイ（フリガナ）"), filters=[to_katakana], validators=[Length(max=50), katakana_only])
    given_kana = StringField(
        _l("メイ（フリガナ）"),
        filters=[to_katakana],
        validators=[Length(max=50), katakana_only],
        description=_l("ひらがなで入力してもカタカナで登録されます。"),
    )
    no_kana_on_document = BooleanField(_l("本人確認書類に氏名のフリガナの記載がない（外国籍の方）"))
    alias_name = StringField(
        _l("旧姓・通称"),
        filters=[nfkc],
        validators=[Length(max=50)],
        description=_l("資格の証明書が旧姓・通称で発行されている場合などに入力してください。"),
    )
    print_alias = BooleanField(_l("カードに旧姓・通称を印字する（任意）"))
    birth_date = DateField(_l("生年月日"), validators=[DataRequired(_l("生年月日を正しく入力してください。"))])
    gender = RadioField(_l("性別"), validators=[DataRequired(REQUIRED)], choices=[])
    nationality = StringField(
        _l("国籍"), default="日本", filters=[nfkc], validators=[DataRequired(REQUIRED), Length(max=50)]
    )
    blood_type = SelectField(
        _l("血液型"), validators=[DataRequired(_l("血液型を選んでください（わからない場合は「不明」）。"))], choices=[]
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.gender.choices = codes.choices(codes.GENDERS)
        self.blood_type.choices = codes.choices(codes.BLOOD_TYPES, blank=_l("選んでください"))

    def _check_kana(self, field):
        if not field.data and kana_required(self.nationality.data, self.no_kana_on_document.data):
            if is_japanese(self.nationality.data):
                raise ValidationError(_l("フリガナを入力してください。"))
            raise ValidationError(
                _l(
                    "フリガナを入力してください。本人確認書類にフリガナの記載がない外国籍の方は、"
                    "「フリガナの記載がない」にチェックを入れてください。"
                )
            )

    def validate_family_kana(self, field):
        self._check_kana(field)

    def validate_given_kana(self, field):
        self._check_kana(field)

    def validate_no_kana_on_document(self, field):
        if field.data and is_japanese(self.nationality.data):
            raise ValidationError(_l("日本国籍の方はフリガナを入力してください。"))

    def validate_alias_name(self, field):
        if not field.data and self.print_alias.data:
            raise ValidationError(_l("カードに印字する旧姓・通称を入力してください。"))

    def validate_birth_date(self, field):
        today = clock.today()
        if field.data and (field.data > today or field.data.year < today.year - 100):
            raise ValidationError(_l("生年月日を正しく入力してください。"))
        if field.data and field.data > today.replace(year=today.year - 15):
            raise ValidationError(_l("15歳未満の方は登録できません。"))


class OnePersonStartForm(IdentityForm):
    """一人親方: the worker's identity and the company's 商号 start both drafts."""

    trade_name = StringField(
        _l("商号（屋号）"),
        filters=[nfkc],
        validators=[Optional(), Length(max=100)],
        description=_l("屋号がなければ空欄のままにしてください。代表者のお名前が商号になります。"),
    )


class ContactForm(SectionForm):
    COMPANIONS = {
        "postal_code": ("address",),
        "address": ("postal_code", "address_from_licence_back"),
        "address_from_licence_back": ("address",),
    }

    postal_code = StringField(
        _l("郵便番号"),
        filters=[postal_format],
        validators=[DataRequired(REQUIRED), postal_code],
        description=_l("7桁を入力すると住所が入ります。カードと登録料の払込票はこの住所に届きます。"),
    )
    address = StringField(
        _l("住所"),
        filters=[nfkc],
        validators=[DataRequired(REQUIRED), Length(max=200)],
        description=_l("番地・建物名・部屋番号まで、郵便が届くように入力してください。"),
    )
    address_from_licence_back = BooleanField(
        _l("運転免許証の裏面に記載された新しい住所で申請する"),
        description=_l(
            "市町村合併などで住所が変わり、新住所が運転免許証の裏面に記載されている場合です。"
            "本人確認書類で、運転免許証の裏面の画像（表面と裏面を一枚に写したものでも可）が必要になります。"
        ),
    )
    phone = StringField(_l("電話番号"), filters=[nfkc], validators=[DataRequired(REQUIRED), phone_number])
    email = EmailField(
        _l("メールアドレス"), filters=[nfkc], validators=[Optional(), Email(EMAIL_FORMAT, check_deliverability=False)]
    )
    emergency_name = StringField(_l("緊急連絡先氏名"), filters=[nfkc], validators=[Optional(), Length(max=50)])
    emergency_relation = StringField(_l("続柄"), filters=[nfkc], validators=[Optional(), Length(max=20)])
    emergency_phone = StringField(_l("緊急連絡先電話番号"), filters=[nfkc], validators=[optional_phone_number])

    def validate_emergency_phone(self, field):
        if self.emergency_name.data and not field.data:
            raise ValidationError(_l("緊急連絡先の電話番号を入力してください。"))


class WorkForm(SectionForm):
    COMPANIONS = {"trades": ("main_trade",)}

    main_trade = SelectField(_l("主たる職種"), validators=[DataRequired(_l("職種を選んでください。"))], choices=[])
    experience_years = IntegerField(_l("経験年数"), invalid_value_message=YEARS, validators=[Optional(), years_range])
    trades = MultiCheckboxField(_l("その他の職種（複数選べます）"), choices=[])
    registration_type = RadioField(
        _l("登録区分"),
        default="detailed",
        choices=[],
        validators=[DataRequired(REQUIRED)],
        description=_l("詳細型では資格・研修・表彰・学歴なども登録できます（能力評価には詳細型が必要です）。"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.main_trade.choices = codes.choices(codes.TRADES, blank=_l("選んでください"))
        self.trades.choices = codes.choices(codes.TRADES)
        self.registration_type.choices = codes.choices(codes.REGISTRATION_TYPES)


class InsuranceForm(SectionForm):
    health_insurance = SelectField(
        _l("健康保険"), validators=[DataRequired(_l("加入状況を選んでください。"))], choices=[]
    )
    pension = SelectField(_l("年金"), validators=[DataRequired(_l("加入状況を選んでください。"))], choices=[])
    employment_insurance = SelectField(
        _l("雇用保険"), validators=[DataRequired(_l("加入状況を選んでください。"))], choices=[]
    )
    kentaikyo_number = StringField(
        _l("建退共 被共済者番号"),
        filters=[kentaikyo_filter],
        description=_l("建退共に加入している方は、9桁の番号を先頭の0も含めてそのまま入力してください。"),
    )
    chutaikyo = BooleanField(_l("中退共に加入している"))
    health_check_date = DateField(
        _l("健康診断受診日"), invalid_value_message=BAD_DATE, validators=[Optional(), not_in_future]
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("health_insurance", "pension", "employment_insurance"):
            self[name].choices = codes.choices(codes.INSURANCE_STATUSES, blank=_l("選んでください"))

    def validate_kentaikyo_number(self, field):
        if normalize_kentaikyo(field.data)[1]:
            raise ValidationError(_l("建退共の被共済者番号は9桁の数字です（先頭の0も入力してください）。"))


class DocumentsForm(SectionForm):
    """本人確認書類と顔写真. A file already uploaded need not be chosen again."""

    ALIASES = {
        "id_image": "attachment:id_document",
        "back_image": "attachment:id_document_back",
        "face_photo": "attachment:face_photo",
    }
    COMPANIONS = {
        "id_document": ("attachment:id_document",),
        "id_image": ("id_document",),
        "back_image": ("id_document", "address_from_licence_back"),
    }
    FILE_PURPOSES = {"id_image": "id_document", "back_image": "id_document_back", "face_photo": "face_photo"}

    id_document = SelectField(
        _l("本人確認書類の種類"),
        validators=[DataRequired(_l("本人確認書類を選んでください。"))],
        choices=[],
        description=_l(
            "顔写真付きの書類ならカードの有効期間は10年、顔写真のない書類では3年です。"
            "顔写真のない書類の方は、窓口で顔の確認が必要です。"
        ),
    )
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
        self.id_document.choices = codes.choices(codes.ID_DOCUMENTS, blank=_l("選んでください"))

    def _needs(self, field, message):
        if not field.data and self.FILE_PURPOSES[field.name] not in self.stored:
            raise ValidationError(message)

    def validate_id_document(self, field):
        if self.worker.address_from_licence_back and field.data != "driving_licence":
            raise ValidationError(_l("運転免許証の裏面の住所で申請する場合は、運転免許証を選んでください。"))

    def validate_id_image(self, field):
        self._needs(field, _l("本人確認書類の画像を添付してください。"))

    def validate_back_image(self, field):
        if self.worker.address_from_licence_back:
            self._needs(field, _l("運転免許証の裏面の住所で申請するため、裏面の画像を添付してください。"))
        elif self.id_document.data == "passport":
            self._needs(field, _l("パスポートの場合は住民票の画像を添付してください。"))

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
    acquired_on = DateField(_l("取得日"), invalid_value_message=BAD_DATE, validators=[Optional(), not_in_future])
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
        self.kind.choices = codes.choices(codes.QUALIFICATION_KINDS, blank=_l("選んでください"))

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
    completed_on = DateField(_l("修了日"), invalid_value_message=BAD_DATE, validators=[Optional(), not_in_future])


class AwardForm(RowForm):
    VALUES = ("name", "awarded_by", "awarded_on")

    name = StringField(_l("表彰名"), filters=[nfkc], validators=[DataRequired(REQUIRED), Length(max=100)])
    awarded_by = StringField(_l("表彰者（団体名）"), filters=[nfkc], validators=[Optional(), Length(max=100)])
    awarded_on = DateField(_l("表彰日"), invalid_value_message=BAD_DATE, validators=[Optional(), not_in_future])


class EducationForm(RowForm):
    VALUES = ("school", "department", "graduated_on")

    school = StringField(_l("学校名"), filters=[nfkc], validators=[DataRequired(REQUIRED), Length(max=100)])
    department = StringField(_l("学部・学科"), filters=[nfkc], validators=[Optional(), Length(max=100)])
    graduated_on = DateField(_l("卒業年月日"), invalid_value_message=BAD_DATE, validators=[Optional(), not_in_future])
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
    "documents": DocumentsForm,
}
