"""031: generated site documents with their job status (kept until the site's data changes)."""

from contextlib import suppress

import peewee as pw
from peewee_migrate import Migrator

with suppress(ImportError):
    import playhouse.postgres_ext as pw_pext  # noqa: F401


def migrate(migrator: Migrator, database: pw.Database, *, fake=False):
    @migrator.create_model
    class SiteDocument(pw.Model):
        id = pw.AutoField()
        created_at = pw.DateTimeField()
        site = pw.ForeignKeyField(column_name="site_id", field="id", model=migrator.orm["site"], on_delete="CASCADE")
        kind = pw.CharField(max_length=255)
        contract = pw.ForeignKeyField(
            column_name="contract_id", field="id", model=migrator.orm["site_contract"], null=True, on_delete="CASCADE"
        )
        requested_by = pw.ForeignKeyField(column_name="requested_by_id", field="id", model=migrator.orm["company"])
        fingerprint = pw.CharField(max_length=255)
        status = pw.CharField(default="queued", max_length=255)
        progress = pw.IntegerField(default=0)
        pdf = pw.BlobField(null=True)
        lang = pw.CharField(default="ja", max_length=255)

        class Meta:
            table_name = "site_document"


def rollback(migrator: Migrator, database: pw.Database, *, fake=False):
    migrator.remove_model("site_document")
