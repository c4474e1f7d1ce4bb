"""Forms of the one-person operator's linear steps (models/registration/one_person.py): 本人情報 + 住所, 職種 + both
halves' insurance, all documents, and the agreement on the combined review. They compose the worker
and company section forms, so every field reads, checks and stores as in the separate flows."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from flask_wtf.form import _Auto
from wtforms import StringField
from wtforms.validators import Length, Optional, ValidationError

from blueprints.apply import company_forms
from blueprints.apply.worker_forms import DOCUMENT_TYPES, IdentityForm, SectionForm, W
from blueprints.shared.fields import MESSAGES
from blueprints.shared.formfields import nfkc
from models.accounts.worker_rules import kana_required
from models.registration.fields.rules import FieldValueError, clean

SUB = {"csrf": False}  # a second form inside the same <form>: the first one carries the token


class PersonForm(IdentityForm):
    postal_code = W("postal_code")
    address = W("address")
    phone = W("phone")
    residence_status = W("residence_status")
    residence_card_number = W("residence_card_number")
    residence_until = W("residence_until")
    acceptance_plan_number = W("acceptance_plan_number")
    trade_name = StringField(
        _l("商号（屋号）"),
        filters=[nfkc],
        validators=[Optional(), Length(max=100)],
        description=_l("屋号がなければ空欄のままにしてください。お名前が商号になります。"),
    )
    trade_name_kana = StringField(_l("商号（屋号）のフリガナ"), filters=[nfkc], validators=[Length(max=100)])

    def validate_trade_name_kana(self, field):
        if not self.trade_name.data:
            return
        if not field.data and kana_required(self.nationality.data, self.no_kana_on_document.data):
            raise ValidationError(_l("屋号のフリガナを入力してください。"))
        try:
            field.data = clean("company", "name_kana", field.data) if field.data else ""
        except FieldValueError as exc:
            raise ValidationError(MESSAGES.get(exc.code, MESSAGES["katakana"])) from None


class WorkForm(SectionForm):
    main_trade = W("main_trade")
    experience_years = W("experience_years")
    health_insurance = W("health_insurance")
    pension = W("pension")
    employment_insurance = W("employment_insurance")
    kentaikyo_number = W("kentaikyo_number")


def company_insurance_form(formdata=_Auto, data=None):
    """The company half's 社会保険 inside the work step (fields prefixed "company-")."""
    return company_forms.InsuranceForm(
        formdata=formdata, data=data, prefix="company", entity_type="one_person", meta=SUB
    )


def licence_form(formdata=_Auto, data=None):
    return company_forms.LicenceForm(formdata=formdata, data=data, prefix="company", entity_type="one_person", meta=SUB)


PROOFS = {"insurance_health": "health_insurance", "insurance_pension": "pension"}
PROOFS["insurance_employment"] = "employment_insurance"


class ProofForm(FlaskForm):
    """The company's files: its business proof (the licence certificate or the substitute document)
    and the proof of each insurance answered 加入."""

    business_proof = FileField(
        _l("建設業許可証明書、または事業者確認書類（画像）"),
        render_kw={"accept": DOCUMENT_TYPES},
        description=_l("許可ありなら許可証明書・許可通知書、許可なしなら選んだ書類。JPEG・PNG・PDF、5MBまで。"),
    )
    insurance_health = FileField(_l("健康保険の確認書類"), render_kw={"accept": DOCUMENT_TYPES})
    insurance_pension = FileField(_l("厚生年金の確認書類"), render_kw={"accept": DOCUMENT_TYPES})
    insurance_employment = FileField(_l("雇用保険の確認書類"), render_kw={"accept": DOCUMENT_TYPES})

    def __init__(self, *args, company=None, stored=(), **kwargs):
        super().__init__(*args, prefix="company", meta=SUB, **kwargs)
        self.company, self.stored = company, set(stored)

    def needed(self, has_licence):
        """{field name: purpose} of the files this company needs."""
        needs = {"business_proof": "licence_certificate" if has_licence else "alt_document"}
        needs.update({n: n for n, status in PROOFS.items() if getattr(self.company, status) == "enrolled"})
        return needs

    def check(self, has_licence):
        ok = True
        for name, purpose in self.needed(has_licence).items():
            if not self[name].data and purpose not in self.stored:
                self[name].errors = [_l("書類の画像を添付してください。")]
                ok = False
        return ok
