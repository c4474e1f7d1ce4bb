"""078: the official CCUS trade (職種) table, loaded from an operator's CSV (models/core/trades.py)."""

from contextlib import suppress

import peewee as pw
from peewee_migrate import Migrator

with suppress(ImportError):
    import playhouse.postgres_ext as pw_pext  # noqa: F401


def migrate(migrator: Migrator, database: pw.Database, *, fake=False):
    @migrator.create_model
    class OfficialTrade(pw.Model):
        id = pw.AutoField()
        created_at = pw.DateTimeField()
        code = pw.CharField(max_length=255, unique=True)
        name_ja = pw.CharField(max_length=255)
        name_en = pw.CharField(max_length=255, default="")
        source = pw.CharField(max_length=255, default="ccus")

        class Meta:
            table_name = "official_trade"


def rollback(migrator: Migrator, database: pw.Database, *, fake=False):
    migrator.remove_model("official_trade")
