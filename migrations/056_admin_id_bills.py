"""056: 管理者ID利用料 — one bill per company and fiscal year, with its notice and suspension."""

from contextlib import suppress

import peewee as pw
from peewee_migrate import Migrator

with suppress(ImportError):
    import playhouse.postgres_ext as pw_pext  # noqa: F401


def migrate(migrator: Migrator, database: pw.Database, *, fake=False):
    @migrator.create_model
    class AdminIdBill(pw.Model):
        id = pw.AutoField()
        created_at = pw.DateTimeField()
        company = pw.ForeignKeyField(
            column_name="company_id", field="id", model=migrator.orm["company"], on_delete="CASCADE"
        )
        fiscal_year = pw.IntegerField()
        ids = pw.IntegerField()
        invoice_ref = pw.IntegerField()
        notice_sent_on = pw.DateField(null=True)
        suspended_on = pw.DateField(null=True)
        state = pw.CharField(max_length=255, default="billed")

        class Meta:
            table_name = "admin_id_bill"
            indexes = [(("company", "fiscal_year"), True)]


def rollback(migrator: Migrator, database: pw.Database, *, fake=False):
    migrator.remove_model("admin_id_bill")
