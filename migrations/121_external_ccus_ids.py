"""121: a real CCUS 技能者ID / 事業者ID kept as an external reference (models/accounts/external_ids.py)."""

import peewee as pw
from peewee_migrate import Migrator


# Plain ALTER TABLE, as in 075: peewee's SQLite migrator would rebuild the table.
def migrate(migrator: Migrator, database: pw.Database, *, fake=False):
    for table in ("worker", "company"):
        migrator.sql(f"ALTER TABLE {table} ADD COLUMN ccus_ref VARCHAR(255) NOT NULL DEFAULT ''")
        migrator.sql(f"CREATE INDEX {table}_ccus_ref ON {table} (ccus_ref)")


def rollback(migrator: Migrator, database: pw.Database, *, fake=False):
    for table in ("worker", "company"):
        migrator.sql(f"DROP INDEX {table}_ccus_ref")
        migrator.sql(f"ALTER TABLE {table} DROP COLUMN ccus_ref")
