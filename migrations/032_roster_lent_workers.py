"""032: a worker received under the 建設業務労働者就業機会確保事業 (MHLW-licensed lending, Q7-7)."""

from contextlib import suppress

import peewee as pw
from peewee_migrate import Migrator

with suppress(ImportError):
    import playhouse.postgres_ext as pw_pext  # noqa: F401


def migrate(migrator: Migrator, database: pw.Database, *, fake=False):
    migrator.add_fields(
        "roster_entry",
        lent_from=pw.ForeignKeyField(
            column_name="lent_from_id", field="id", model=migrator.orm["company"], null=True, backref="lent_entries"
        ),
    )


def rollback(migrator: Migrator, database: pw.Database, *, fake=False):
    migrator.drop_index("roster_entry", "lent_from")  # SQLite cannot drop an indexed column
    migrator.remove_fields("roster_entry", "lent_from")
