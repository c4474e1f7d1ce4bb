"""052: 就業履歴の入力と承認 — entered days and corrections waiting for the prime's approval."""

from contextlib import suppress

import peewee as pw
from peewee_migrate import Migrator

with suppress(ImportError):
    import playhouse.postgres_ext as pw_pext  # noqa: F401


def migrate(migrator: Migrator, database: pw.Database, *, fake=False):
    @migrator.create_model
    class WorkEntry(pw.Model):
        id = pw.AutoField()
        created_at = pw.DateTimeField()
        kind = pw.CharField(max_length=255, default="new")
        worker = pw.ForeignKeyField(
            column_name="worker_id", field="id", model=migrator.orm["worker"], on_delete="CASCADE"
        )
        site = pw.ForeignKeyField(column_name="site_id", field="id", model=migrator.orm["site"], on_delete="CASCADE")
        company = pw.ForeignKeyField(column_name="company_id", field="id", model=migrator.orm["company"], null=True)
        work_date = pw.DateField(index=True)
        trade = pw.CharField(max_length=255)
        position = pw.CharField(max_length=255, default="")
        first_in = pw.DateTimeField(null=True)
        last_out = pw.DateTimeField(null=True)
        reason = pw.CharField(max_length=255)
        note = pw.TextField(default="")
        record = pw.ForeignKeyField(
            column_name="record_id", field="id", model=migrator.orm["work_record"], null=True, on_delete="SET NULL"
        )
        before = pw.TextField(default="")
        status = pw.CharField(max_length=255, default="pending", index=True)
        entered_by = pw.ForeignKeyField(column_name="entered_by_id", field="id", model=migrator.orm["account"])
        entering_company = pw.ForeignKeyField(
            column_name="entering_company_id", field="id", model=migrator.orm["company"], null=True
        )
        decided_by = pw.ForeignKeyField(
            column_name="decided_by_id", field="id", model=migrator.orm["account"], null=True
        )
        decided_at = pw.DateTimeField(null=True)
        decision_note = pw.TextField(default="")

        class Meta:
            table_name = "work_entry"


def rollback(migrator: Migrator, database: pw.Database, *, fake=False):
    migrator.remove_model("work_entry")
