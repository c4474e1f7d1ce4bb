"""093: the password of a system-integration package waits, sealed (models/core/sealed.py), on its
BulkImport until the job that decrypts it has run — so a consumer killed mid-job leaves a job the next
consumer can finish — and is wiped when the job ends."""

from contextlib import suppress

import peewee as pw
from peewee_migrate import Migrator

with suppress(ImportError):
    import playhouse.postgres_ext as pw_pext  # noqa: F401


def migrate(migrator: Migrator, database: pw.Database, *, fake=False):
    migrator.sql("ALTER TABLE bulk_import ADD COLUMN password VARCHAR(255)")


def rollback(migrator: Migrator, database: pw.Database, *, fake=False):
    migrator.sql("ALTER TABLE bulk_import DROP COLUMN password")
