"""技能者 (workers) and their affiliations (所属事業者)."""
from peewee import BooleanField, CharField, DateField, ForeignKeyField

from models.accounts import Account
from models.base import BaseModel
from models.companies import Company


class Worker(BaseModel):
    account = ForeignKeyField(Account, null=True, unique=True, backref="worker_rows")
    worker_id = CharField(null=True, unique=True)  # 技能者ID, issued on approval
    family_name = CharField()  # 姓
    given_name = CharField()  # 名
    middle_name = CharField(default="")  # ミドルネーム, after 名 as on the ID document (Q1-17)
    family_kana = CharField(default="")
    given_kana = CharField(default="")
    birth_date = DateField()
    gender = CharField()
    nationality = CharField(default="日本")
    postal_code = CharField(default="")
    address = CharField()
    phone = CharField()
    main_trade = CharField()  # 職種 code
    has_photo_id = BooleanField(default=True)  # identity document with photo → 10-year card
    status = CharField(default="pending")  # pending / approved

    @property
    def full_name(self):
        return " ".join(p for p in (self.family_name, self.given_name, self.middle_name) if p)

    @property
    def approved(self):
        return self.status == "approved" and bool(self.worker_id)

    @classmethod
    def visible_to_company(cls, company):
        """Workers currently affiliated with `company`."""
        return (cls.select().join(Affiliation)
                .where((Affiliation.company == company) & Affiliation.ended_on.is_null()))

    def current_affiliations(self):
        return (Affiliation.select(Affiliation, Company).join(Company)
                .where((Affiliation.worker == self) & Affiliation.ended_on.is_null())
                .order_by(Affiliation.is_main.desc(), Affiliation.id))


class Affiliation(BaseModel):
    worker = ForeignKeyField(Worker, backref="affiliations", on_delete="CASCADE")
    company = ForeignKeyField(Company, backref="affiliations")
    is_main = BooleanField(default=False)  # 主たる所属事業者
    ended_on = DateField(null=True)

    class Meta:
        indexes = ((("worker", "company"), False),)

