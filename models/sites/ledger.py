"""The data behind the Green File (施工体制台帳 and the forms that reuse it), entered once:

- per company: 建設業許可 (ConstructionPermit, one or more) and 営業所 with their 事業所整理記号等 (Office);
- per company on a site (ContractLedger): 契約日, 契約営業所, 現場代理人, 主任技術者 / 監理技術者 (one of the
  company's own workers with the 資格 that qualifies them, 専任 / 非専任), 監理技術者補佐, 専門技術者,
  安全衛生責任者, 安全衛生推進者, 雇用管理責任者, and for the 元請 発注者の監督員 and 監督員.

Items follow the MLIT sample 施工体制台帳 (docs/green-file.md)."""

from flask_babel import lazy_gettext as _l
from peewee import JOIN, BooleanField, CharField, DateField, ForeignKeyField, TextField

from extensions import db
from models.accounts.companies import Company
from models.accounts.workers import Affiliation, Qualification, Worker
from models.core.base import BaseModel
from models.core.errors import DomainError
from models.sites.sites import Site, SiteContract

PERMIT_AUTHORITIES = [("minister", _l("大臣")), ("governor", _l("知事"))]
PERMIT_GRADES = [("special", _l("特定")), ("general", _l("一般"))]
CHIEF_ROLES = [("chief", _l("主任技術者")), ("supervising", _l("監理技術者"))]
# 資格 kinds that can qualify a 主任技術者 (国家資格・技能検定・登録基幹技能者); else 実務経験 in years
QUALIFYING_KINDS = ("ginoushi", "license", "kikan")
EXPERIENCE_YEARS = 10  # 建設業法 §7 二号ハ: 10 years of 実務経験 without a qualification


class LedgerError(DomainError):
    """code: not_own_worker / not_own_qualification / not_own_office"""


class ConstructionPermit(BaseModel):
    """建設業の許可: 許可業種, 大臣/知事, 特定/一般, 許可番号, 許可(更新)年月日."""

    company = ForeignKeyField(Company, backref="permits", on_delete="CASCADE")
    trade = CharField()  # 許可業種, e.g. 内装仕上工事業
    authority = CharField(default="governor")  # 大臣 / 知事
    prefecture = CharField(default="")  # 知事許可の都道府県
    grade = CharField(default="general")  # 特定 / 一般
    number = CharField()  # 許可番号
    permitted_on = DateField(null=True)  # 許可（更新）年月日

    @classmethod
    def of_company(cls, company):
        return cls.select().where(cls.company == company).order_by(cls.id)


class Office(BaseModel):
    """営業所 with its 事業所整理記号等 (健康保険・厚生年金保険 / 雇用保険の事業所番号)."""

    company = ForeignKeyField(Company, backref="offices", on_delete="CASCADE")
    name = CharField()
    address = CharField(default="")
    health_code = CharField(default="")  # 健康保険 事業所整理記号
    pension_code = CharField(default="")  # 厚生年金保険 事業所整理記号
    employment_code = CharField(default="")  # 雇用保険 事業所番号

    @classmethod
    def of_company(cls, company):
        return cls.select().where(cls.company == company).order_by(cls.id)


PERSON_FIELDS = (
    "agent_name",  # 現場代理人
    "agent_authority",  # 権限及び意見申出方法
    "assistant_name",  # 監理技術者補佐
    "specialist_name",  # 専門技術者
    "specialist_qualification",
    "specialist_work",  # 担当工事内容
    "safety_manager",  # 安全衛生責任者
    "safety_promoter",  # 安全衛生推進者
    "employment_manager",  # 雇用管理責任者
    "client_supervisor",  # 発注者の監督員 (元請)
    "client_supervisor_authority",
    "supervisor_name",  # 監督員 (元請)
    "supervisor_authority",
)


class ContractLedger(BaseModel):
    """One company's part of a site's 施工体制台帳 (the 元請's own row too)."""

    site = ForeignKeyField(Site, backref="ledger_rows", on_delete="CASCADE")
    company = ForeignKeyField(Company)
    contract_date = DateField(null=True)  # 契約日 (下請契約; the 元請's is Site.contract_date)
    office = ForeignKeyField(Office, null=True, on_delete="SET NULL")  # 契約営業所
    chief = ForeignKeyField(Worker, null=True, on_delete="SET NULL")  # 主任技術者 / 監理技術者
    chief_role = CharField(default="chief")
    chief_dedicated = BooleanField(default=False)  # 専任 / 非専任
    chief_qualification = ForeignKeyField(Qualification, null=True, on_delete="SET NULL")  # 資格内容
    agent_name = CharField(default="")
    agent_authority = TextField(default="")
    assistant_name = CharField(default="")
    specialist_name = CharField(default="")
    specialist_qualification = CharField(default="")
    specialist_work = CharField(default="")
    safety_manager = CharField(default="")
    safety_promoter = CharField(default="")
    employment_manager = CharField(default="")
    client_supervisor = CharField(default="")
    client_supervisor_authority = TextField(default="")
    supervisor_name = CharField(default="")
    supervisor_authority = TextField(default="")

    class Meta:
        indexes = ((("site", "company"), True),)

    @classmethod
    def for_company(cls, site, company):
        """The company's row on the site, unsaved and empty until first entered."""
        return cls.get_or_none((cls.site == site) & (cls.company == company)) or cls(site=site, company=company)

    @classmethod
    def of_site(cls, site):
        """{company_id: row} of the whole site, with chief, qualification and office, in one query."""
        rows = (
            cls.select(cls, Worker, Qualification, Office)
            .join(Worker, on=(cls.chief == Worker.id), join_type=JOIN.LEFT_OUTER)
            .switch(cls)
            .join(Qualification, on=(cls.chief_qualification == Qualification.id), join_type=JOIN.LEFT_OUTER)
            .switch(cls)
            .join(Office, on=(cls.office == Office.id), join_type=JOIN.LEFT_OUTER)
            .where(cls.site == site)
        )
        return {r.company_id: r for r in rows}

    @property
    def chief_flag(self):
        """Why the 主任技術者 does not qualify ('' when they do or none is named): neither a
        qualifying 資格 nor 10 years of 実務経験."""
        if self.chief_id is None:
            return ""
        q = self.chief_qualification if self.chief_qualification_id else None
        if q is not None and q.kind in QUALIFYING_KINDS:
            return ""
        if q is None and self.chief.experience_years >= EXPERIENCE_YEARS:
            return ""
        return "unqualified"

    def save_entry(self, chief_id=None, qualification_id=None, office_id=None, **fields):
        """Stores what the form sent, the persons picked only from the company's own workers."""
        chief = None
        if chief_id:
            chief = company_workers(self.company).where(Worker.id == chief_id).first()
            if chief is None:
                raise LedgerError("not_own_worker")
        qualification = None
        if qualification_id:
            qualification = Qualification.get_or_none(
                (Qualification.id == qualification_id) & (Qualification.worker == (chief.id if chief else 0))
            )
            if qualification is None:
                raise LedgerError("not_own_qualification")
        office = None
        if office_id:
            office = Office.get_or_none((Office.id == office_id) & (Office.company == self.company_id))
            if office is None:
                raise LedgerError("not_own_office")
        for name in (*PERSON_FIELDS, "contract_date", "chief_role", "chief_dedicated"):
            if name in fields:
                setattr(self, name, fields[name])
        self.chief, self.chief_qualification, self.office = chief, qualification, office
        with db.atomic():
            self.save()
        return self


def company_workers(company):
    """The company's own workers (current 所属), by フリガナ: whom the forms offer for a person."""
    return (
        Worker.select(Worker)
        .join(Affiliation)
        .where((Affiliation.company == company) & Affiliation.ended_on.is_null() & (Worker.status == "approved"))
        .order_by(Worker.family_kana, Worker.id)
        .distinct()
    )


def qualifications_of(workers):
    """{worker_id: [Qualification]} for the pick list, in one query."""
    found = {}
    ids = [w.id for w in workers]
    for q in Qualification.select().where(Qualification.worker.in_(ids or [0])).order_by(Qualification.id):
        found.setdefault(q.worker_id, []).append(q)
    return found


def ledger_sites(company):
    """Sites where `company` enters its ledger part: as 元請, or on an accepted contract."""
    return Site.visible_to(company)


def contract_of(site, company):
    """The company's accepted contract on the site (None for the 元請)."""
    return SiteContract.get_or_none(
        (SiteContract.site == site) & (SiteContract.company == company) & (SiteContract.status == "accepted")
    )
