"""代行申請: a registered company (with a 事業者ID) files worker applications on the workers' behalf.
Each filing remembers which company filed, for which worker, and the row key (name + birth date) that
keeps a second upload of the same list from filing the same person twice."""

import re
import unicodedata

from peewee import CharField, ForeignKeyField, IntegerField

from models.accounts import Account
from models.applications import Application
from models.base import BaseModel
from models.companies import Company
from models.workers import Worker


def row_key(family_name, given_name, middle_name, birth_date):
    """The stable key of one person in a company's lists: the name without spaces or width, and the birth date."""
    name = unicodedata.normalize("NFKC", f"{family_name}{given_name}{middle_name or ''}")
    squashed = re.sub(r"\s+", "", name).lower()
    return f"{squashed}|{birth_date.isoformat()}"


class ProxyFiling(BaseModel):
    """One worker application filed by `company` (代行申請事業者) by `filed_by` (a clerk of it)."""

    company = ForeignKeyField(Company, backref="proxy_filings")
    application = ForeignKeyField(Application, unique=True, on_delete="CASCADE")
    worker = ForeignKeyField(Worker, on_delete="CASCADE")
    row_key = CharField()
    bulk_import = IntegerField(null=True)  # the BulkImport that brought the row, if any
    source_row = IntegerField(null=True)  # its row number in the uploaded sheet
    filed_by = ForeignKeyField(Account)

    class Meta:
        indexes = ((("company", "row_key"), True),)

    @classmethod
    def of_company(cls, company):
        return (
            cls.select(cls, Application, Worker)
            .join(Application)
            .switch(cls)
            .join(Worker)
            .where(cls.company == company)
            .order_by(cls.id)
        )

    @classmethod
    def taken_keys(cls, company):
        return {key for (key,) in cls.select(cls.row_key).where(cls.company == company).tuples()}
