"""021: adding an admin by the e-mail of an existing login becomes an invitation the invitee accepts."""

from contextlib import suppress

import peewee as pw
from peewee_migrate import Migrator

with suppress(ImportError):
    import playhouse.postgres_ext as pw_pext  # noqa: F401


def migrate(migrator: Migrator, database: pw.Database, *, fake=False):
    @migrator.create_model
    class AdminInvitation(pw.Model):
        id = pw.AutoField()
        created_at = pw.DateTimeField()
        company = pw.ForeignKeyField(
            column_name="company_id", field="id", model=migrator.orm["company"], on_delete="CASCADE"
        )
        account = pw.ForeignKeyField(
            column_name="account_id", field="id", model=migrator.orm["account"], on_delete="CASCADE"
        )
        role = pw.CharField(max_length=255)
        invited_name = pw.CharField(max_length=255)
        invited_by = pw.ForeignKeyField(
            column_name="invited_by_id", field="id", model=migrator.orm["account"], null=True, on_delete="SET NULL"
        )

        class Meta:
            table_name = "admin_invitation"


def rollback(migrator: Migrator, database: pw.Database, *, fake=False):
    migrator.remove_model("admin_invitation")
