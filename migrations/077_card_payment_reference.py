"""077: the card acquirer's reference of an invoice paid online by card (PaymentProvider.charge)."""

from contextlib import suppress

import peewee as pw
from peewee_migrate import Migrator

with suppress(ImportError):
    import playhouse.postgres_ext as pw_pext  # noqa: F401


# Plain ALTER TABLE (SQLite 3.35+ and PostgreSQL): peewee's SQLite migrator would rebuild the table,
# which foreign keys to it refuse once there is data.
def migrate(migrator: Migrator, database: pw.Database, *, fake=False):
    migrator.sql("ALTER TABLE invoice ADD COLUMN gateway_ref VARCHAR(255) NOT NULL DEFAULT ''")


def rollback(migrator: Migrator, database: pw.Database, *, fake=False):
    migrator.sql("ALTER TABLE invoice DROP COLUMN gateway_ref")
