"""110: a foreign worker's 在留資格, 在留カード番号, 在留期間 (満了日) and the employer's 建設特定技能受入計画 認定番号."""

import peewee as pw
from peewee_migrate import Migrator

COLUMNS = (
    ("residence_status", "VARCHAR(255) NOT NULL DEFAULT ''"),
    ("residence_card_number", "VARCHAR(255) NOT NULL DEFAULT ''"),
    ("residence_until", "DATE"),
    ("acceptance_plan_number", "VARCHAR(255) NOT NULL DEFAULT ''"),
)


# Plain ALTER TABLE, as in 075: peewee's SQLite migrator would rebuild the table.
def migrate(migrator: Migrator, database: pw.Database, *, fake=False):
    for name, spec in COLUMNS:
        migrator.sql(f"ALTER TABLE worker ADD COLUMN {name} {spec}")
    migrator.sql("CREATE INDEX worker_residence_until ON worker (residence_until)")


def rollback(migrator: Migrator, database: pw.Database, *, fake=False):
    migrator.sql("DROP INDEX worker_residence_until")
    for name, _spec in reversed(COLUMNS):
        migrator.sql(f"ALTER TABLE worker DROP COLUMN {name}")
