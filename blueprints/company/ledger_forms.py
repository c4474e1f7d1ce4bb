"""Forms of the Green File data: 建設業許可, 営業所, and a company's part of a site's 施工体制台帳."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, DateField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from blueprints.shared.formfields import nfkc
from models.core import codes
from models.sites.ledger import CHIEF_ROLES, PERMIT_AUTHORITIES, PERMIT_GRADES


def _text(label, required=None, max_length=100):
    checks = [DataRequired(required)] if required else [Optional()]
    return StringField(label, filters=[nfkc], validators=[*checks, Length(max=max_length)])


class PermitForm(FlaskForm):
    trade = _text(_l("許可業種"), required=_l("許可業種を入力してください。"))
    authority = SelectField(_l("大臣・知事"), choices=[])
    prefecture = _text(_l("都道府県（知事許可）"), max_length=10)
    grade = SelectField(_l("特定・一般"), choices=[])
    number = _text(_l("許可番号"), required=_l("許可番号を入力してください。"), max_length=30)
    permitted_on = DateField(_l("許可（更新）年月日"), validators=[Optional()])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.authority.choices = codes.choices(PERMIT_AUTHORITIES)
        self.grade.choices = codes.choices(PERMIT_GRADES)


class OfficeForm(FlaskForm):
    name = _text(_l("営業所の名称"), required=_l("営業所の名称を入力してください。"))
    address = _text(_l("営業所の住所"), max_length=200)
    health_code = _text(_l("健康保険 事業所整理記号"), max_length=30)
    pension_code = _text(_l("厚生年金保険 事業所整理記号"), max_length=30)
    employment_code = _text(_l("雇用保険 事業所番号"), max_length=30)


class LedgerForm(FlaskForm):
    """A company's part of the 施工体制台帳 on one site; persons are the company's own workers."""

    contract_date = DateField(_l("契約日"), validators=[Optional()])
    office = SelectField(_l("契約営業所"), choices=[], validate_choice=False)
    agent_name = _text(_l("現場代理人名"))
    agent_authority = TextAreaField(_l("現場代理人の権限及び意見申出方法"), validators=[Length(max=300)])
    chief = SelectField(_l("主任技術者・監理技術者"), choices=[], validate_choice=False)
    chief_role = SelectField(_l("区分"), choices=[])
    chief_dedicated = BooleanField(_l("専任"))
    chief_qualification = SelectField(_l("資格内容"), choices=[], validate_choice=False)
    assistant_name = _text(_l("監理技術者補佐名"))
    specialist_name = _text(_l("専門技術者名"))
    specialist_qualification = _text(_l("専門技術者の資格内容"))
    specialist_work = _text(_l("専門技術者の担当工事内容"))
    safety_manager = _text(_l("安全衛生責任者名"))
    safety_promoter = _text(_l("安全衛生推進者名"))
    employment_manager = _text(_l("雇用管理責任者名"))
    client_supervisor = _text(_l("発注者の監督員名"))
    client_supervisor_authority = TextAreaField(
        _l("発注者の監督員の権限及び意見申出方法"), validators=[Length(max=300)]
    )
    supervisor_name = _text(_l("監督員名"))
    supervisor_authority = TextAreaField(_l("監督員の権限及び意見申出方法"), validators=[Length(max=300)])

    def __init__(self, *args, offices=(), workers=(), qualifications=None, **kwargs):
        super().__init__(*args, **kwargs)
        none = ("", _l("選んでください"))
        self.office.choices = [none] + [(str(o.id), o.name) for o in offices]
        self.chief.choices = [none] + [(str(w.id), f"{w.full_name}（{w.worker_id}）") for w in workers]
        self.chief_role.choices = codes.choices(CHIEF_ROLES)
        self.chief_qualification.choices = [("", _l("資格なし（実務経験）"))] + [
            (str(q.id), q.name) for q in (qualifications or {}).get(_int(self.chief.data), [])
        ]

    def entry(self):
        data = {k: v for k, v in self.data.items() if k not in ("csrf_token", "office", "chief", "chief_qualification")}
        for name in ("agent_authority", "client_supervisor_authority", "supervisor_authority"):
            data[name] = (data[name] or "").strip()
        return {
            **{k: ("" if v is None and k != "contract_date" else v) for k, v in data.items()},
            "office_id": _int(self.office.data),
            "chief_id": _int(self.chief.data),
            "qualification_id": _int(self.chief_qualification.data),
        }


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
