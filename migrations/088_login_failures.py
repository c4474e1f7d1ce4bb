"""088: wrong passwords for addresses without an account are counted in the database, shared by every web
process (models/accounts/login_locks.py), no longer in each process's memory."""

from contextlib import suppress

import peewee as pw
from peewee_migrate import Migrator

with suppress(ImportError):
    import playhouse.postgres_ext as pw_pext  # noqa: F401


def migrate(migrator: Migrator, database: pw.Database, *, fake=False):
    @migrator.create_model
    class LoginFailure(pw.Model):
        id = pw.AutoField()
        created_at = pw.DateTimeField()
        address_hash = pw.CharField(max_length=255, unique=True)
        failures = pw.IntegerField(default=0)
        locked_until = pw.DateTimeField(null=True)

        class Meta:
            table_name = "login_failure"


def rollback(migrator: Migrator, database: pw.Database, *, fake=False):
    migrator.remove_model("login_failure")
