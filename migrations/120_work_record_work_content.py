"""120: each work record keeps the roster's 作業内容 of its day (Q7-4)."""

import peewee as pw
from peewee_migrate import Migrator


# Plain ALTER TABLE, as in 075: peewee's SQLite migrator would rebuild the table.
def migrate(migrator: Migrator, database: pw.Database, *, fake=False):
    migrator.sql("ALTER TABLE work_record ADD COLUMN work_content VARCHAR(255) NOT NULL DEFAULT ''")


def rollback(migrator: Migrator, database: pw.Database, *, fake=False):
    migrator.sql("ALTER TABLE work_record DROP COLUMN work_content")
