"""054: the company's 建退共 共済契約者番号, and one 現場利用料 bill per prime and month."""

from contextlib import suppress

import peewee as pw
from peewee_migrate import Migrator

with suppress(ImportError):
    import playhouse.postgres_ext as pw_pext  # noqa: F401


def migrate(migrator: Migrator, database: pw.Database, *, fake=False):
    migrator.add_fields("company", kentaikyo_contract_number=pw.CharField(max_length=255, default=""))

    @migrator.create_model
    class SiteUsageBill(pw.Model):
        id = pw.AutoField()
        created_at = pw.DateTimeField()
        company = pw.ForeignKeyField(column_name="company_id", field="id", model=migrator.orm["company"])
        month = pw.CharField(max_length=255)
        records = pw.IntegerField()
        invoice_ref = pw.IntegerField()

        class Meta:
            table_name = "site_usage_bill"
            indexes = [(("company", "month"), True)]


def rollback(migrator: Migrator, database: pw.Database, *, fake=False):
    migrator.remove_model("site_usage_bill")
    migrator.remove_fields("company", "kentaikyo_contract_number")
