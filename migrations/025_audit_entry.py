"""025: 監査ログ — who changed which registration (worker or company) when, before and after."""

from contextlib import suppress

import peewee as pw
from peewee_migrate import Migrator

with suppress(ImportError):
    import playhouse.postgres_ext as pw_pext  # noqa: F401


def migrate(migrator: Migrator, database: pw.Database, *, fake=False):
    @migrator.create_model
    class AuditEntry(pw.Model):
        id = pw.AutoField()
        created_at = pw.DateTimeField()
        subject_kind = pw.CharField(max_length=255)
        subject_id = pw.IntegerField()
        subject_name = pw.CharField(max_length=255, default="")
        actor = pw.ForeignKeyField(
            column_name="actor_id", field="id", model=migrator.orm["account"], null=True, on_delete="SET NULL"
        )
        actor_name = pw.CharField(max_length=255, default="")
        actor_is_reviewer = pw.CharField(max_length=255, default="")
        action = pw.CharField(max_length=255)
        before = pw.TextField(default="{}")
        after = pw.TextField(default="{}")
        note = pw.TextField(default="")

        class Meta:
            table_name = "audit_entry"
            indexes = ((("subject_kind", "subject_id"), False),)


def rollback(migrator: Migrator, database: pw.Database, *, fake=False):
    migrator.remove_model("audit_entry")
