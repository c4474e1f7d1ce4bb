"""004: the worker's own application — employers named in it (affiliations made on approval) and the
applicant's explanation when a qualification certificate carries another name (Q1-18, Q5-9)."""

from contextlib import suppress

import peewee as pw
from peewee_migrate import Migrator

with suppress(ImportError):
    import playhouse.postgres_ext as pw_pext  # noqa: F401


def migrate(migrator: Migrator, database: pw.Database, *, fake=False):
    @migrator.create_model
    class NamedEmployer(pw.Model):
        id = pw.AutoField()
        created_at = pw.DateTimeField()
        worker = pw.ForeignKeyField(
            column_name="worker_id", field="id", model=migrator.orm["worker"], on_delete="CASCADE"
        )
        company = pw.ForeignKeyField(column_name="company_id", field="id", model=migrator.orm["company"])
        kind = pw.CharField(max_length=255)

        class Meta:
            table_name = "named_employer"
            indexes = [(("worker", "company"), True)]

    migrator.add_fields("qualification", name_note=pw.CharField(default="", max_length=255))


def rollback(migrator: Migrator, database: pw.Database, *, fake=False):
    migrator.remove_fields("qualification", "name_note")

    migrator.remove_model("named_employer")
