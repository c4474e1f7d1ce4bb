"""The counter-intake form (窓口申請): the worker's registration fields, the document seen, the face check."""

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField
from wtforms import BooleanField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from blueprints.apply.worker_forms import SectionForm, W
from blueprints.shared.formfields import nfkc

WORKER_FIELDS = (
    "family_name",
    "given_name",
    "family_kana",
    "given_kana",
    "birth_date",
    "gender",
    "nationality",
    "postal_code",
    "address",
    "phone",
    "email",
    "main_trade",
    "health_insurance",
    "pension",
    "employment_insurance",
    "id_document",
)

FILES = {"id_document": "id_image", "face_photo": "face_photo"}  # attachment purpose: its file field


class CounterIntakeForm(SectionForm):
    office = StringField(
        _l("受付窓口"),
        filters=[nfkc],
        validators=[DataRequired(_l("受け付けた窓口（認定登録機関）を入力してください。")), Length(max=100)],
    )
    family_name = W("family_name")
    given_name = W("given_name")
    family_kana = W("family_kana")
    given_kana = W("given_kana")
    birth_date = W("birth_date")
    gender = W("gender")
    nationality = W("nationality", default="日本")
    postal_code = W("postal_code")
    address = W("address")
    phone = W("phone")
    email = W("email")
    main_trade = W("main_trade")
    health_insurance = W("health_insurance")
    pension = W("pension")
    employment_insurance = W("employment_insurance")
    id_document = W("id_document")
    face_checked = BooleanField(
        _l("窓口で本人の顔を本人確認書類（または本人）と照合した"),
        description=_l("顔写真のない本人確認書類では、この照合が必要です（Q4-6・Q5-2）。"),
    )
    employer_id = StringField(_l("所属事業者の事業者ID（任意）"), filters=[nfkc], validators=[Optional()])
    id_image = FileField(_l("本人確認書類（画像）"), description=_l("本人確認書類なしの場合は不要です。"))
    face_photo = FileField(_l("顔写真"), description=_l("カードに印刷します。"))
    note = TextAreaField(_l("メモ"), validators=[Optional(), Length(max=500)])

    def worker_values(self):
        return super().worker_values(WORKER_FIELDS)

    def intake(self):
        """take_counter_application's arguments from what staff entered (files by attachment purpose)."""
        files = {p: (self[name].data.read(), self[name].data.filename) for p, name in FILES.items() if self[name].data}
        return {
            "office": self.office.data,
            "values": self.worker_values(),
            "face_checked": self.face_checked.data,
            "files": files,
            "employer_id": self.employer_id.data or "",
            "note": self.note.data or "",
        }

    def input_for(self, part):
        """The field a CounterError's part is about."""
        return self[FILES.get(part, part)]
