"""101: the current 全建統一様式 第5号 columns on a roster entry: 血圧, 特殊健康診断日・種類, 家族連絡先."""

from contextlib import suppress

import peewee as pw
from peewee_migrate import Migrator

with suppress(ImportError):
    import playhouse.postgres_ext as pw_pext  # noqa: F401

COLUMNS = (
    ("blood_pressure", "VARCHAR(255) NOT NULL DEFAULT ''"),
    ("special_health_check_on", "DATE"),
    ("special_health_check_kind", "VARCHAR(255) NOT NULL DEFAULT ''"),
    ("family_contact", "VARCHAR(255) NOT NULL DEFAULT ''"),
)


# Plain ALTER TABLE, as in 075: peewee's SQLite migrator would rebuild the table.
def migrate(migrator: Migrator, database: pw.Database, *, fake=False):
    for name, kind in COLUMNS:
        migrator.sql(f"ALTER TABLE roster_entry ADD COLUMN {name} {kind}")


def rollback(migrator: Migrator, database: pw.Database, *, fake=False):
    for name, _kind in reversed(COLUMNS):
        migrator.sql(f"ALTER TABLE roster_entry DROP COLUMN {name}")
