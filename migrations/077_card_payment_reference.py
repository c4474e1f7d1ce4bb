"""077: the card acquirer's reference of an invoice paid online by card (PaymentProvider.charge)."""

from contextlib import suppress

import peewee as pw
from peewee_migrate import Migrator

with suppress(ImportError):
    import playhouse.postgres_ext as pw_pext  # noqa: F401


def migrate(migrator: Migrator, database: pw.Database, *, fake=False):
    migrator.add_fields("invoice", gateway_ref=pw.CharField(default="", max_length=255))


def rollback(migrator: Migrator, database: pw.Database, *, fake=False):
    migrator.remove_fields("invoice", "gateway_ref")
