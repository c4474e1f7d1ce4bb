"""080: a new API token stays visible to the person who made it until they dismiss it (models/accounts/shown_tokens.py)."""

from contextlib import suppress

import peewee as pw
from peewee_migrate import Migrator

with suppress(ImportError):
    import playhouse.postgres_ext as pw_pext  # noqa: F401


def migrate(migrator: Migrator, database: pw.Database, *, fake=False):
    @migrator.create_model
    class ShownToken(pw.Model):
        id = pw.AutoField()
        created_at = pw.DateTimeField()
        account = pw.ForeignKeyField(
            column_name="account_id", field="id", model=migrator.orm["account"], on_delete="CASCADE"
        )
        company = pw.ForeignKeyField(
            column_name="company_id", field="id", model=migrator.orm["company"], on_delete="CASCADE"
        )
        kind = pw.CharField(max_length=255)
        ref_id = pw.IntegerField()
        name = pw.CharField(max_length=255)
        token = pw.CharField(max_length=255)

        class Meta:
            table_name = "shown_token"


def rollback(migrator: Migrator, database: pw.Database, *, fake=False):
    migrator.remove_model("shown_token")
