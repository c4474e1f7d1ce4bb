"""053: 経歴 before CCUS (Q7-3), stated by the worker and certified by an employer."""

from contextlib import suppress

import peewee as pw
from peewee_migrate import Migrator

with suppress(ImportError):
    import playhouse.postgres_ext as pw_pext  # noqa: F401


def migrate(migrator: Migrator, database: pw.Database, *, fake=False):
    @migrator.create_model
    class PriorExperience(pw.Model):
        id = pw.AutoField()
        created_at = pw.DateTimeField()
        worker = pw.ForeignKeyField(
            column_name="worker_id", field="id", model=migrator.orm["worker"], on_delete="CASCADE"
        )
        trade = pw.CharField(max_length=255)
        years = pw.IntegerField()
        months = pw.IntegerField(default=0)
        description = pw.TextField(default="")
        company = pw.ForeignKeyField(column_name="company_id", field="id", model=migrator.orm["company"])
        status = pw.CharField(max_length=255, default="stated")
        decided_by = pw.ForeignKeyField(
            column_name="decided_by_id", field="id", model=migrator.orm["account"], null=True
        )
        decided_at = pw.DateTimeField(null=True)
        decision_note = pw.TextField(default="")

        class Meta:
            table_name = "prior_experience"


def rollback(migrator: Migrator, database: pw.Database, *, fake=False):
    migrator.remove_model("prior_experience")
