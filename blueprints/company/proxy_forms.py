from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import DateField, RadioField, StringField
from wtforms.fields import SelectChoice
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from blueprints.shared.changeforms import change_form_class
from blueprints.shared.fields import field, fields, rule_messages
from blueprints.shared.formfields import REQUIRED, MultiCheckboxField
from models.core.ids import normalize_id
from models.registration.fields.rules import for_record

VIA_HELP = _l(
    "自社に直接ではなく、他の事業者を経由して依頼された場合だけ、経由したすべての事業者の事業者ID（14桁）を本人側から順に入力してください。"
)


class ViaFields:
    """The companies in between (Q3-3), typed by 事業者ID."""

    via_1 = StringField(_l("経由する事業者の事業者ID（1）"), description=VIA_HELP, render_kw={"inputmode": "numeric"})
    via_2 = StringField(_l("経由する事業者の事業者ID（2）"), render_kw={"inputmode": "numeric"})
    via_3 = StringField(_l("経由する事業者の事業者ID（3）"), render_kw={"inputmode": "numeric"})

    def via_ids(self):
        return [self.via_1.data, self.via_2.data, self.via_3.data]


class SignedForm(FlaskForm):
    """The signed 代行申請同意書: who signed it and the scan or photo of it."""

    consenter_name = StringField(
        _l("同意した本人の氏名"),
        validators=[DataRequired(_l("同意書に署名した本人の氏名を入力してください。")), Length(max=100)],
    )
    signed = FileField(_l("署名済みの同意書（PDF・JPEG・PNG）"))


class ViaForm(FlaskForm, ViaFields):
    """The chain named when the worker is asked to consent in the app."""


class ConsentForm(SignedForm, ViaFields):
    """A new application's consent: the signed form and the chain at once."""


class MandateStartForm(FlaskForm, ViaFields):
    """Whose changes or work history the company will file, and what for (Q1-1 ②④⑤)."""

    principal = RadioField(
        _l("代行する相手"),
        default="worker",
        choices=[SelectChoice("worker", _l("技能者")), SelectChoice("company", _l("事業者"))],
        validators=[DataRequired(REQUIRED)],
    )
    principal_id = StringField(
        _l("相手の技能者IDまたは事業者ID（14桁）"),
        filters=[normalize_id],
        validators=[DataRequired(REQUIRED)],
        render_kw={"inputmode": "numeric"},
    )
    birth_date = DateField(
        _l("技能者の生年月日"),
        description=_l("技能者の場合だけ。同意書の本人確認として、技能者IDと生年月日が一致する人を探します。"),
        validators=[Optional()],
    )
    actions = MultiCheckboxField(
        _l("代行する手続き"),
        choices=[
            SelectChoice("change", _l("変更申請")),
            SelectChoice("history", _l("就業履歴の入力代行（技能者のみ）")),
        ],
        validators=[DataRequired(_l("代行する手続きを選んでください。"))],
    )

    def validate_birth_date(self, field):
        if self.principal.data == "worker" and field.data is None and not field.errors:
            raise ValidationError(_l("技能者の生年月日を入力してください。"))


class ArchiveForm(FlaskForm):
    archive = FileField(
        _l("画像をまとめたzipファイル"),
        description=_l(
            "ファイル名は「行番号_種類」か「氏名_種類」にしてください（例: 4_顔写真.jpg、山田一郎_本人確認書類.png、"
            "4_裏面.jpg、4_同意書.pdf）。種類は 顔写真・本人確認書類・裏面・同意書（本人が署名した代行申請同意書）"
            "です。10MBまで。"
        ),
    )


# Q1-7: where a worker's e-mail address goes on every form a proxy fills in for them.
EMAIL_HELP = _l(
    "本人のメールアドレスだけを入力してください。本人がメールアドレスを持っていない場合は空欄のままにし、"
    "代行申請事業者や担当者のアドレスは入力しないでください（本人が後でログインIDを引き継ぐときの宛先になります）。"
)
# Q1-7: a new proxy application needs it (proxy_drafts.file_one refuses one without).
NEW_EMAIL_HELP = _l(
    "本人のメールアドレスを入力してください（必須）。代行申請事業者や担当者のアドレスは入力しないでください"
    "（本人がログインIDを引き継ぐときの宛先になります）。"
)

NEW_FIELDS = (
    "family_name",
    "given_name",
    "middle_name",
    "family_kana",
    "given_kana",
    "birth_date",
    "gender",
    "nationality",
    "blood_type",
    "postal_code",
    "address",
    "phone",
    "email",
    "main_trade",
)


class ProxyNewForm(FlaskForm):
    """One worker's new application filed by the company: the registration fields as every form has them."""

    locals().update(fields("worker", *NEW_FIELDS))
    email = field("worker", "email", description=NEW_EMAIL_HELP)

    def validate(self, extra_validators=None):
        valid = super().validate(extra_validators)
        return rule_messages(self, "worker", {f.name: f.data for f in self}) and valid

    def worker_values(self):
        return {name: for_record("worker", name, self[name].data) for name in NEW_FIELDS}


class ProxyWorkerChangeForm(change_form_class("worker")):
    """A worker's change application filed by a proxy company: the worker's own change form."""

    email = field("worker", "email", description=EMAIL_HELP)


class ProxyCompanyStartForm(FlaskForm):
    """A new company application on the company's behalf (Q1-1 ③): its 法人・個人区分 first, as on the
    company's own application."""

    entity_type = field("company", "entity_type")
