"""091: the reviewer's queue is read by status, oldest first (Application.queue), at national size 100 k+
applications: an index on (status, submitted_at, id) keeps every page of it an index range."""

from contextlib import suppress

import peewee as pw
from peewee_migrate import Migrator

with suppress(ImportError):
    import playhouse.postgres_ext as pw_pext  # noqa: F401


def migrate(migrator: Migrator, database: pw.Database, *, fake=False):
    migrator.add_index("application", "status", "submitted_at", "id")


def rollback(migrator: Migrator, database: pw.Database, *, fake=False):
    migrator.drop_index("application", "status", "submitted_at", "id")
