"""015: the mail outbox — each mail a row written with the change that causes it, delivered and
retried by huey tasks, recording attempts, the last error and when it was sent."""

from contextlib import suppress

import peewee as pw
from peewee_migrate import Migrator

with suppress(ImportError):
    import playhouse.postgres_ext as pw_pext  # noqa: F401


def migrate(migrator: Migrator, database: pw.Database, *, fake=False):
    @migrator.create_model
    class OutboxMail(pw.Model):
        id = pw.AutoField()
        created_at = pw.DateTimeField()
        to = pw.CharField(max_length=255)
        template = pw.CharField(max_length=255)
        subject = pw.CharField(max_length=255)
        body = pw.TextField()
        attempts = pw.IntegerField(default=0)
        next_attempt_at = pw.DateTimeField(index=True)
        last_error = pw.TextField(default="")
        sent_at = pw.DateTimeField(index=True, null=True)

        class Meta:
            table_name = "outbox_mail"


def rollback(migrator: Migrator, database: pw.Database, *, fake=False):
    migrator.remove_model("outbox_mail")
