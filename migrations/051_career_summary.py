"""051: printed career summaries (就業履歴と資格の証明) and the code that checks them."""

from contextlib import suppress

import peewee as pw
from peewee_migrate import Migrator

with suppress(ImportError):
    import playhouse.postgres_ext as pw_pext  # noqa: F401


def migrate(migrator: Migrator, database: pw.Database, *, fake=False):
    @migrator.create_model
    class CareerSummary(pw.Model):
        id = pw.AutoField()
        created_at = pw.DateTimeField()
        worker = pw.ForeignKeyField(
            column_name="worker_id", field="id", model=migrator.orm["worker"], on_delete="CASCADE"
        )
        code = pw.CharField(max_length=255, unique=True)
        issued_on = pw.DateField()
        facts = pw.TextField()
        digest = pw.CharField(max_length=255)

        class Meta:
            table_name = "career_summary"


def rollback(migrator: Migrator, database: pw.Database, *, fake=False):
    migrator.remove_model("career_summary")
