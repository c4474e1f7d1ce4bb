"""070: the applicant's agreement to 個人情報の取扱い and 利用規約, with the version and when (guidance Section 3)."""

from contextlib import suppress

import peewee as pw
from peewee_migrate import Migrator

with suppress(ImportError):
    import playhouse.postgres_ext as pw_pext  # noqa: F401


def migrate(migrator: Migrator, database: pw.Database, *, fake=False):
    @migrator.create_model
    class Consent(pw.Model):
        id = pw.AutoField()
        created_at = pw.DateTimeField()
        account = pw.ForeignKeyField(column_name="account_id", field="id", model=migrator.orm["account"])
        application = pw.ForeignKeyField(
            column_name="application_id", field="id", model=migrator.orm["application"], on_delete="CASCADE"
        )
        document = pw.CharField(max_length=255)
        version = pw.CharField(max_length=255)
        agreed_at = pw.DateTimeField()

        class Meta:
            table_name = "consent"


def rollback(migrator: Migrator, database: pw.Database, *, fake=False):
    migrator.remove_model("consent")
