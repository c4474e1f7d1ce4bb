"""006: payments and card requests — the paid date and Pay-easy confirmation number on invoices,
and the dated steps of each card reissue / gold-card request."""

from contextlib import suppress

import peewee as pw
from peewee_migrate import Migrator

with suppress(ImportError):
    import playhouse.postgres_ext as pw_pext  # noqa: F401


def migrate(migrator: Migrator, database: pw.Database, *, fake=False):
    migrator.add_fields(
        "invoice", confirmation=pw.CharField(default="", max_length=255), paid_on=pw.DateField(null=True)
    )

    @migrator.create_model
    class CardRequestEvent(pw.Model):
        id = pw.AutoField()
        created_at = pw.DateTimeField()
        request = pw.ForeignKeyField(
            column_name="request_id", field="id", model=migrator.orm["card_request"], on_delete="CASCADE"
        )
        status = pw.CharField(max_length=255)
        actor = pw.ForeignKeyField(column_name="actor_id", field="id", model=migrator.orm["account"], null=True)
        note = pw.TextField(default="")

        class Meta:
            table_name = "card_request_event"


def rollback(migrator: Migrator, database: pw.Database, *, fake=False):
    migrator.remove_model("card_request_event")

    migrator.remove_fields("invoice", "confirmation", "paid_on")
