"""技能者 (workers), their affiliations (所属事業者) and the detail records of a 詳細型 registration."""

from peewee import BooleanField, CharField, DateField, ForeignKeyField, IntegerField

from models.accounts.accounts import Account
from models.accounts.companies import Company
from models.core.base import BaseModel

JAPAN = ("日本", "日本国", "Japan", "JAPAN")


class Worker(BaseModel):
    account = ForeignKeyField(Account, null=True, unique=True, backref="worker_rows")
    worker_id = CharField(null=True, unique=True)  # 技能者ID, issued on approval
    ccus_ref = CharField(default="", index=True)  # a real CCUS 技能者ID already held (external_ids.py)
    family_name = CharField()  # 姓
    given_name = CharField()  # 名
    middle_name = CharField(default="")  # ミドルネーム, after 名 as on the ID document (Q1-17)
    family_kana = CharField(default="")
    given_kana = CharField(default="")
    no_kana_on_document = BooleanField(default=False)  # foreign national, document without furigana (Q5-14)
    alias_name = CharField(default="")  # 旧姓・通称 (Q5-9)
    print_alias = BooleanField(default=False)  # print the alias on the card (optional, Q5-9)
    birth_date = DateField()
    gender = CharField()
    nationality = CharField(default="日本")
    postal_code = CharField(default="")
    address = CharField()
    address_from_licence_back = BooleanField(default=False)  # new address on the licence's back (Q5-10)
    phone = CharField()
    email = CharField(default="")
    blood_type = CharField(default="")
    emergency_name = CharField(default="")
    emergency_relation = CharField(default="")
    emergency_phone = CharField(default="")
    main_trade = CharField()  # 職種 code
    experience_years = IntegerField(default=0)
    registration_type = CharField(default="detailed")  # basic (簡略型) / detailed (詳細型)
    id_document = CharField(default="")  # ID_DOCUMENTS code
    health_insurance = CharField(default="")
    pension = CharField(default="")
    employment_insurance = CharField(default="")
    kentaikyo_number = CharField(default="")  # 建退共 被共済者番号, 9 digits, leading zeros kept (Q1-9)
    chutaikyo = BooleanField(default=False)  # 中退共 enrolled (no number)
    health_check_date = DateField(null=True)
    residence_status = CharField(default="")  # 在留資格 (codes.RESIDENCE_STATUSES); "" for a Japanese national
    residence_card_number = CharField(default="")  # 在留カード番号: AB12345678CD
    residence_until = DateField(null=True, index=True)  # 在留期間 満了日
    acceptance_plan_number = CharField(default="")  # 建設特定技能受入計画 認定番号 of the employer (特定技能)
    status = CharField(default="pending")  # pending / approved / deactivated
    last_used_at = DateField(null=True)  # last login or card touch (12-months rule, Q5-15)

    @property
    def full_name(self):
        return " ".join(p for p in (self.family_name, self.given_name, self.middle_name) if p)

    @property
    def kana_name(self):
        return " ".join(p for p in (self.family_kana, self.given_kana) if p)

    @property
    def is_foreign(self):
        return self.nationality.strip() not in JAPAN

    def residence_ended(self, day):
        """True when the 在留期間 ended before `day` (the 満了日 itself is still inside it)."""
        return self.residence_until is not None and self.residence_until < day

    @property
    def approved(self):
        return self.status == "approved" and bool(self.worker_id)

    @classmethod
    def visible_to_company(cls, company):
        """Workers currently affiliated with `company`."""
        return cls.select().join(Affiliation).where((Affiliation.company == company) & Affiliation.ended_on.is_null())

    def current_affiliations(self):
        return (
            Affiliation.select(Affiliation, Company)
            .join(Company)
            .where((Affiliation.worker == self) & Affiliation.ended_on.is_null())
            .order_by(Affiliation.is_main.desc(), Affiliation.id)
        )

    def trades(self):
        return [t.trade for t in self.trade_rows.order_by(WorkerTrade.id)] or [self.main_trade]


class Affiliation(BaseModel):
    """所属事業者. A secondee's origin is the main affiliation and the destination another one (Q1-14)."""

    worker = ForeignKeyField(Worker, backref="affiliations", on_delete="CASCADE")
    company = ForeignKeyField(Company, backref="affiliations")
    is_main = BooleanField(default=False)  # 主たる所属事業者
    is_secondment = BooleanField(default=False)  # 出向先
    started_on = DateField(null=True)
    ended_on = DateField(null=True)
    end_reason = CharField(default="")  # retired (退職) / unlinked

    class Meta:
        indexes = ((("worker", "company"), False),)


class WorkerTrade(BaseModel):
    worker = ForeignKeyField(Worker, backref="trade_rows", on_delete="CASCADE")
    trade = CharField()
    experience_years = IntegerField(default=0)


class Qualification(BaseModel):
    """資格; `name_on_certificate` records a certificate issued under another name (Q1-18, Q5-9)."""

    worker = ForeignKeyField(Worker, backref="qualifications", on_delete="CASCADE")
    kind = CharField()  # QUALIFICATION_KINDS code
    name = CharField()
    number = CharField(default="")
    acquired_on = DateField(null=True)
    name_on_certificate = CharField(default="")
    name_note = CharField(default="")  # why the certificate's name differs, when it is not the 旧姓・通称


class Training(BaseModel):
    worker = ForeignKeyField(Worker, backref="trainings", on_delete="CASCADE")
    name = CharField()
    completed_on = DateField(null=True)


class Award(BaseModel):
    worker = ForeignKeyField(Worker, backref="awards", on_delete="CASCADE")
    name = CharField()
    awarded_by = CharField(default="")
    awarded_on = DateField(null=True)


class Education(BaseModel):
    """学歴 (optional; a graduation certificate must be attached when given, Q5-11)."""

    worker = ForeignKeyField(Worker, backref="educations", on_delete="CASCADE")
    school = CharField()
    department = CharField(default="")
    graduated_on = DateField(null=True)
