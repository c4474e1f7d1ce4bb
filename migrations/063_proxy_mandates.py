"""063: standing proxy consents (代行申請同意書 for changes and work-history entry, Q1-1 ②④⑤): a consent
names its principal (a worker or a company) and the actions it covers; changes and entries filed under one
remember it."""

from contextlib import suppress

import peewee as pw
from peewee_migrate import Migrator

with suppress(ImportError):
    import playhouse.postgres_ext as pw_pext  # noqa: F401


def migrate(migrator: Migrator, database: pw.Database, *, fake=False):
    migrator.drop_not_null("proxy_consent", "filing", "consented_at")
    migrator.add_fields(
        "proxy_consent",
        worker=pw.ForeignKeyField(
            column_name="worker_id", field="id", model=migrator.orm["worker"], null=True, on_delete="CASCADE"
        ),
        principal_company=pw.ForeignKeyField(
            column_name="principal_company_id", field="id", model=migrator.orm["company"], null=True
        ),
        actions=pw.CharField(default="new", max_length=255),
        revoked_at=pw.DateTimeField(null=True),
    )
    migrator.add_fields(
        "change_request",
        proxy_consent=pw.ForeignKeyField(
            column_name="proxy_consent_id", field="id", model=migrator.orm["proxy_consent"], null=True
        ),
    )
    migrator.add_fields(
        "work_entry",
        proxy_consent=pw.ForeignKeyField(
            column_name="proxy_consent_id", field="id", model=migrator.orm["proxy_consent"], null=True
        ),
    )


def rollback(migrator: Migrator, database: pw.Database, *, fake=False):
    # SQLite cannot drop an indexed column: the foreign keys' indexes go first.
    migrator.drop_index("work_entry", "proxy_consent")
    migrator.remove_fields("work_entry", "proxy_consent")
    migrator.drop_index("change_request", "proxy_consent")
    migrator.remove_fields("change_request", "proxy_consent")
    migrator.drop_index("proxy_consent", "worker")
    migrator.drop_index("proxy_consent", "principal_company")
    migrator.remove_fields("proxy_consent", "worker", "principal_company", "actions", "revoked_at")
    migrator.add_not_null("proxy_consent", "filing", "consented_at")
