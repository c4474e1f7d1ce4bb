"""061: 代行申請同意書 — who consented to a proxy filing, the proxy company and the companies in between."""

from contextlib import suppress

import peewee as pw
from peewee_migrate import Migrator

with suppress(ImportError):
    import playhouse.postgres_ext as pw_pext  # noqa: F401


def migrate(migrator: Migrator, database: pw.Database, *, fake=False):
    @migrator.create_model
    class ProxyConsent(pw.Model):
        id = pw.AutoField()
        created_at = pw.DateTimeField()
        filing = pw.ForeignKeyField(
            column_name="filing_id", field="id", model=migrator.orm["proxy_filing"], on_delete="CASCADE"
        )
        principal = pw.CharField(default="worker", max_length=255)
        consenter_name = pw.CharField(max_length=255)
        proxy_company = pw.ForeignKeyField(column_name="proxy_company_id", field="id", model=migrator.orm["company"])
        intermediaries = pw.TextField(default="[]")
        method = pw.CharField(default="paper", max_length=255)
        attachment = pw.ForeignKeyField(
            column_name="attachment_id", field="id", model=migrator.orm["attachment"], null=True
        )
        recorded_by = pw.ForeignKeyField(
            column_name="recorded_by_id", field="id", model=migrator.orm["account"], null=True
        )
        consented_at = pw.DateTimeField()

        class Meta:
            table_name = "proxy_consent"


def rollback(migrator: Migrator, database: pw.Database, *, fake=False):
    migrator.remove_model("proxy_consent")
