"""087: an account's staff role besides 審査担当: "operator" for the operations pages (models/accounts/staff.py)."""

import peewee as pw
from peewee_migrate import Migrator


# Plain ALTER TABLE, as in 075: peewee's SQLite migrator would rebuild the table.
def migrate(migrator: Migrator, database: pw.Database, *, fake=False):
    migrator.sql("ALTER TABLE account ADD COLUMN staff_role VARCHAR(255) NOT NULL DEFAULT ''")


def rollback(migrator: Migrator, database: pw.Database, *, fake=False):
    migrator.sql("ALTER TABLE account DROP COLUMN staff_role")
