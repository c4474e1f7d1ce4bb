from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, RadioField, SelectField, StringField, TextAreaField
from wtforms.fields import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, Optional, ValidationError

from blueprints.shared.formfields import REQUIRED, nfkc, prose
from models.core import codes
from models.core.ids import is_valid_id, normalize_id
from models.sites.sites import CONTRACT_FORMS, CONTRACT_KINDS, ORDER_TYPES, WORKS_KINDS

YES_NO = [SelectChoice("1", _l("あり")), SelectChoice("0", _l("なし"))]
BAD_ID = _l("事業者IDは14桁の数字です。番号を確かめてください（最後の1桁はチェック用の数字です）。")


def _text(label, size=100):
    return StringField(label, filters=[prose], validators=[Optional(), Length(max=size)])


def _after(start_name, message):
    def check(form, field):
        start = getattr(form, start_name).data
        if field.data and start and field.data < start:
            raise ValidationError(message)

    return check


class SiteForm(FlaskForm):
    """現場情報 (mandatory), 契約情報 and 工事情報 (optional), 現場代理人 and 現場管理者."""

    name = StringField(
        _l("現場名"),
        filters=[nfkc],
        validators=[DataRequired(REQUIRED), Length(max=100)],
        description=_l("伏字にできます（例: A邸住宅新築工事、○○改築工事）。"),
    )
    order_type = RadioField(_l("発注区分"), validators=[InputRequired(_l("発注区分を選んでください。"))], choices=[])
    hazardous = RadioField(
        _l("有害物質取扱いの有無"), validators=[InputRequired(_l("有害物質の有無を選んでください。"))], choices=YES_NO
    )
    accrual_starts_on = DateField(
        _l("就業履歴蓄積期間（開始）"), validators=[InputRequired(_l("就業履歴の蓄積を始める日を入力してください。"))]
    )
    accrual_ends_on = DateField(
        _l("就業履歴蓄積期間（終了）"),
        validators=[Optional(), _after("accrual_starts_on", _l("蓄積期間の終了日は開始日より後にしてください。"))],
        description=_l("空欄なら終了日を決めずに蓄積します。期間外のタッチは就業履歴になりません。"),
    )
    address = _text(_l("施工場所"), 200)
    client_name = _text(_l("発注者名"))
    contract_form = SelectField(_l("受注形態"), choices=[], validators=[Optional()])
    starts_on = DateField(_l("契約工期（開始）"), validators=[Optional()])
    ends_on = DateField(
        _l("契約工期（終了）"),
        validators=[Optional(), _after("starts_on", _l("工期の終了日は開始日より後にしてください。"))],
    )
    contract_date = DateField(_l("契約日"), validators=[Optional()])
    works_kind = SelectField(_l("工事の種類"), choices=[], validators=[Optional()])
    corins = SelectField(_l("コリンズ登録の有無"), choices=[], validators=[Optional()])
    use = _text(_l("用途"))
    works_category = _text(_l("工事種別"))
    works_trade = _text(_l("工種"))
    scale = _text(_l("規模"))
    works_content = TextAreaField(_l("工事内容"), filters=[nfkc], validators=[Optional(), Length(max=1000)])
    agent_name = _text(_l("現場代理人（所長名）"), 60)
    manager = SelectField(_l("現場管理者"), choices=[], validators=[Optional()])

    def __init__(self, managers=(), *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.order_type.choices = codes.choices(ORDER_TYPES)
        self.contract_form.choices = codes.choices(CONTRACT_FORMS, blank=_l("選んでください"))
        self.works_kind.choices = codes.choices(WORKS_KINDS, blank=_l("選んでください"))
        self.corins.choices = [SelectChoice("", _l("選んでください"))] + YES_NO
        self.manager.choices = [("", _l("なし（元請の管理者のみ）"))] + [
            (str(m.id), f"{m.account.display_name}（{m.account.email}）") for m in managers
        ]

    def site_fields(self):
        """The form's values as Site columns."""
        data = {k: v for k, v in self.data.items() if k not in ("csrf_token", "manager", "hazardous", "corins")}
        for name, field in self._fields.items():
            if name in data and field.type in ("StringField", "TextAreaField", "SelectField"):
                data[name] = data[name] or ""
        data["hazardous"] = self.hazardous.data == "1"
        data["corins"] = {"1": True, "0": False}.get(self.corins.data)
        data["manager"] = int(self.manager.data) if self.manager.data else None
        return data


INVITE_FIELDS = ("business_id", "kind", "scope", "starts_on", "ends_on")  # carried back in the URL when refused


class SubcontractorForm(FlaskForm):
    business_id = StringField(
        _l("下請にする事業者の事業者ID（14桁）"), filters=[normalize_id], validators=[DataRequired(REQUIRED)]
    )
    kind = RadioField(_l("契約の種類"), choices=[], default="subcontract")
    scope = _text(_l("請負範囲・作業内容"))
    starts_on = DateField(_l("請負期間（開始）"), validators=[Optional()])
    ends_on = DateField(
        _l("請負期間（終了）"),
        validators=[Optional(), _after("starts_on", _l("請負期間の終了日は開始日より後にしてください。"))],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind.choices = codes.choices(CONTRACT_KINDS)

    def validate_business_id(self, field):
        if not is_valid_id(field.data):
            raise ValidationError(BAD_ID)


class ReaderForm(FlaskForm):
    name = StringField(_l("カードリーダー名"), filters=[nfkc], validators=[DataRequired(REQUIRED), Length(max=60)])


class EducationForm(FlaskForm):
    """新規入場時等教育 as the 元請 held it."""

    held_on = DateField(_l("実施日"), validators=[InputRequired(_l("実施日を入力してください。"))])
    instructor = StringField(_l("実施者"), filters=[nfkc], validators=[DataRequired(REQUIRED), Length(max=60)])
    content = TextAreaField(_l("教育内容"), filters=[nfkc], validators=[Optional(), Length(max=1000)])


def refused_invitation(args):
    """The invitation form as it was refused (subcontractor_add carries it in the URL): typed values and
    the messages beside the fields."""
    from werkzeug.datastructures import MultiDict

    from blueprints.shared.site_messages import site_error_message
    from models.sites.sites import SiteError

    data = MultiDict({name: args.get(f"invite-{name}", "") for name in INVITE_FIELDS})
    form = SubcontractorForm(formdata=data)  # renders a fresh CSRF token; its own check is not shown
    form.validate()
    if args.get("invite_error"):
        form.business_id.errors = [*form.business_id.errors, site_error_message(SiteError(args["invite_error"]))]
    return form
