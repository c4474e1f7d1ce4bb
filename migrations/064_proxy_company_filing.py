"""064: a proxy filing of a new company application (Q1-1 ③): the filing names the company being registered
instead of a worker."""

from contextlib import suppress

import peewee as pw
from peewee_migrate import Migrator

with suppress(ImportError):
    import playhouse.postgres_ext as pw_pext  # noqa: F401


def migrate(migrator: Migrator, database: pw.Database, *, fake=False):
    migrator.drop_not_null("proxy_filing", "worker")
    migrator.add_fields(
        "proxy_filing",
        principal_company=pw.ForeignKeyField(
            column_name="principal_company_id", field="id", model=migrator.orm["company"], null=True
        ),
    )


def rollback(migrator: Migrator, database: pw.Database, *, fake=False):
    migrator.drop_index("proxy_filing", "principal_company")  # SQLite cannot drop an indexed column
    migrator.remove_fields("proxy_filing", "principal_company")
    migrator.add_not_null("proxy_filing", "worker")
