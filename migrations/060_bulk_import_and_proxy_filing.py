"""060: the bulk application list's upload jobs (一括申請) and the proxy filings (代行申請) they create."""

from contextlib import suppress

import peewee as pw
from peewee_migrate import Migrator

with suppress(ImportError):
    import playhouse.postgres_ext as pw_pext  # noqa: F401


def migrate(migrator: Migrator, database: pw.Database, *, fake=False):
    @migrator.create_model
    class BulkImport(pw.Model):
        id = pw.AutoField()
        created_at = pw.DateTimeField()
        company = pw.ForeignKeyField(column_name="company_id", field="id", model=migrator.orm["company"])
        account = pw.ForeignKeyField(column_name="account_id", field="id", model=migrator.orm["account"])
        filename = pw.CharField(max_length=255)
        data = pw.BlobField()
        status = pw.CharField(default="queued", max_length=255)
        total = pw.IntegerField(default=0)
        processed = pw.IntegerField(default=0)
        accepted = pw.IntegerField(default=0)
        rejected = pw.IntegerField(default=0)
        skipped = pw.IntegerField(default=0)
        version = pw.IntegerField(null=True)
        file_error = pw.CharField(default="", max_length=255)
        result = pw.TextField(default="{}")
        finished_at = pw.DateTimeField(null=True)

        class Meta:
            table_name = "bulk_import"

    @migrator.create_model
    class ProxyFiling(pw.Model):
        id = pw.AutoField()
        created_at = pw.DateTimeField()
        company = pw.ForeignKeyField(column_name="company_id", field="id", model=migrator.orm["company"])
        application = pw.ForeignKeyField(
            column_name="application_id",
            field="id",
            model=migrator.orm["application"],
            on_delete="CASCADE",
            unique=True,
        )
        worker = pw.ForeignKeyField(
            column_name="worker_id", field="id", model=migrator.orm["worker"], on_delete="CASCADE"
        )
        row_key = pw.CharField(max_length=255)
        bulk_import = pw.IntegerField(null=True)
        source_row = pw.IntegerField(null=True)
        filed_by = pw.ForeignKeyField(column_name="filed_by_id", field="id", model=migrator.orm["account"])

        class Meta:
            table_name = "proxy_filing"
            indexes = [(("company", "row_key"), True)]


def rollback(migrator: Migrator, database: pw.Database, *, fake=False):
    migrator.remove_model("proxy_filing")
    migrator.remove_model("bulk_import")
