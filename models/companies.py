"""事業者 (companies), the tenants."""
from peewee import BigIntegerField, CharField

from models.base import BaseModel


class Company(BaseModel):
    business_id = CharField(null=True, unique=True)  # 事業者ID, issued on approval
    entity_type = CharField()  # 法人・個人区分: corporation / sole / one_person
    name = CharField()  # 商号; a one-person operator without one uses the representative's name
    trade_name_given = CharField(default="")  # what the applicant typed as 商号, if anything
    representative_name = CharField()
    postal_code = CharField(default="")
    address = CharField()
    phone = CharField()
    capital = BigIntegerField(default=0)
    status = CharField(default="pending")  # pending / approved

    @property
    def approved(self):
        return self.status == "approved" and bool(self.business_id)

    @classmethod
    def by_business_id(cls, business_id):
        return cls.get_or_none((cls.business_id == business_id) & (cls.status == "approved"))

    @staticmethod
    def name_for(entity_type, trade_name, representative_name):
        """Seed Q4-5: a sole trader with no 屋号 registers the representative's name as 商号."""
        trade_name = (trade_name or "").strip()
        if trade_name:
            return trade_name
        return representative_name.strip()
