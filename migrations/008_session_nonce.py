"""008: one active session per admin ID (DOMAIN: a new login ends the older session)."""

from contextlib import suppress

import peewee as pw
from peewee_migrate import Migrator

with suppress(ImportError):
    import playhouse.postgres_ext as pw_pext  # noqa: F401


def migrate(migrator: Migrator, database: pw.Database, *, fake=False):
    migrator.add_fields("account", session_nonce=pw.CharField(default="", max_length=64))


def rollback(migrator: Migrator, database: pw.Database, *, fake=False):
    migrator.remove_fields("account", "session_nonce")
