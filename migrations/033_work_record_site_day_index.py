"""033: work records are read per site and day (the 元請's daily list, presence), so they get an
index on (site, work_date): a site gathers hundreds of records a day for years."""

from contextlib import suppress

import peewee as pw
from peewee_migrate import Migrator

with suppress(ImportError):
    import playhouse.postgres_ext as pw_pext  # noqa: F401


def migrate(migrator: Migrator, database: pw.Database, *, fake=False):
    migrator.add_index("work_record", "site", "work_date")


def rollback(migrator: Migrator, database: pw.Database, *, fake=False):
    migrator.drop_index("work_record", "site", "work_date")
