"""010: 就業履歴蓄積期間 — the period in which a site's touches count (null end = open)."""

from contextlib import suppress

import peewee as pw
from peewee_migrate import Migrator

with suppress(ImportError):
    import playhouse.postgres_ext as pw_pext  # noqa: F401


def migrate(migrator: Migrator, database: pw.Database, *, fake=False):
    migrator.add_fields(
        "site",
        accrual_starts_on=pw.DateField(null=True),
        accrual_ends_on=pw.DateField(null=True),
    )


def rollback(migrator: Migrator, database: pw.Database, *, fake=False):
    migrator.remove_fields("site", "accrual_starts_on", "accrual_ends_on")
