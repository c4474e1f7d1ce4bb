"""020: a server-side session version per account (logout, password change and deactivation end every
older session) and a password version that mailed links bind instead of password-hash material."""

from contextlib import suppress

import peewee as pw
from peewee_migrate import Migrator

with suppress(ImportError):
    import playhouse.postgres_ext as pw_pext  # noqa: F401


def migrate(migrator: Migrator, database: pw.Database, *, fake=False):
    migrator.add_fields(
        "account",
        session_version=pw.IntegerField(default=0),
        password_version=pw.IntegerField(default=0),
    )


def rollback(migrator: Migrator, database: pw.Database, *, fake=False):
    migrator.remove_fields("account", "session_version", "password_version")
