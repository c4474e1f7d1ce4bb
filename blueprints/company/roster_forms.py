from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, DateField, SelectField, StringField
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from blueprints.shared.formfields import MultiCheckboxField, nfkc
from models.core import codes
from models.core.numbers import int_or_none
from models.sites.rosters import FOREIGN_STATUSES, MARKS

PICK_WORKER = _l("技能者を選んでください。")


def _text(label):
    return StringField(label, filters=[nfkc], validators=[Optional(), Length(max=100)])


class EntryFieldsForm(FlaskForm):
    """What the employer records for each worker on a site (全建統一様式 第5号 and DOMAIN §6)."""

    position = SelectField(_l("立場"), validators=[DataRequired(_l("立場を選んでください。"))], choices=[])
    trade = SelectField(_l("職種"), validators=[DataRequired(_l("職種を選んでください。"))], choices=[])
    work_content = _text(_l("作業内容"))
    marks = MultiCheckboxField(
        _l("属性（職長・安全衛生責任者・能力向上教育など）"), choices=[], validators=[Optional()]
    )
    foreign_status = SelectField(_l("外国人の在留区分"), choices=[], validators=[Optional()])
    hired_on = DateField(_l("雇入年月日"), validators=[Optional()])
    entered_on = DateField(_l("入場年月日"), validators=[Optional()])
    hire_education_on = DateField(_l("雇入時教育"), validators=[Optional()])
    health_check_on = DateField(_l("最近の健康診断日"), validators=[Optional()])
    blood_pressure = StringField(_l("血圧"), filters=[nfkc], validators=[Optional(), Length(max=20)])
    special_health_check_on = DateField(_l("特殊健康診断日"), validators=[Optional()])
    special_health_check_kind = _text(_l("特殊健康診断の種類"))
    family_contact = _text(_l("家族連絡先（氏名・続柄・電話）"))
    special_education = _text(_l("特別教育"))
    skill_training = _text(_l("技能講習"))
    show_qualifications = BooleanField(_l("資格を施工体制台帳に載せる（技能者は非開示にできます）"), default=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.position.choices = codes.choices(codes.POSITIONS, blank=_l("選んでください"))
        self.trade.choices = codes.choices(codes.TRADES, blank=_l("選んでください"))
        known = codes.labels(codes.TRADES)  # an entry kept in CareerUp's codes stays editable as it is
        if self.trade.data in known and self.trade.data not in dict(self.trade.choices):
            self.trade.choices.append((self.trade.data, known[self.trade.data]))
        self.marks.choices = codes.choices(MARKS)
        self.foreign_status.choices = codes.choices(FOREIGN_STATUSES, blank=_l("該当なし"))

    def entry_fields(self):
        data = {k: v for k, v in self.data.items() if k not in ("csrf_token", "worker", "lent")}
        data["marks"] = ",".join(data.get("marks") or [])
        for name, field in self._fields.items():
            if name in data and field.type in ("StringField", "SelectField"):
                data[name] = data[name] or ""
        return data


class RosterEntryForm(EntryFieldsForm):
    """Add one or several workers with the same 立場・職種 and details."""

    worker = MultiCheckboxField(_l("技能者"), validators=[DataRequired(PICK_WORKER)], choices=[], validate_choice=False)

    lent = BooleanField(
        _l("建設業務労働者就業機会確保事業（厚生労働大臣の許可）による受入れ"),
        description=_l(
            "他社所属の技能者を受け入れる場合だけ選びます。就業履歴は受け入れた自社の所属として蓄積されます。"
        ),
    )

    def validate_worker(self, field):
        if not self.worker_ids():
            raise ValidationError(PICK_WORKER)

    def worker_ids(self):
        return [n for n in (int_or_none(i) for i in self.worker.data or []) if n is not None]


class EntryEditForm(EntryFieldsForm):
    left_on = DateField(_l("退場年月日"), validators=[Optional()])
    entry_education_on = DateField(_l("新規入場時教育"), validators=[Optional()])
