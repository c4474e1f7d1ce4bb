"""050: 能力評価 — the rules table per trade and level, and the last evaluation per worker and trade."""

from contextlib import suppress

import peewee as pw
from peewee_migrate import Migrator

with suppress(ImportError):
    import playhouse.postgres_ext as pw_pext  # noqa: F401


def migrate(migrator: Migrator, database: pw.Database, *, fake=False):
    @migrator.create_model
    class LevelRule(pw.Model):
        id = pw.AutoField()
        created_at = pw.DateTimeField()
        trade = pw.CharField(max_length=255)
        level = pw.IntegerField()
        min_days = pw.IntegerField(default=0)
        min_leader_days = pw.IntegerField(default=0)
        qualifications = pw.TextField(default="")
        source = pw.CharField(max_length=255, default="")

        class Meta:
            table_name = "level_rule"
            indexes = [(("trade", "level"), True)]

    @migrator.create_model
    class WorkerLevel(pw.Model):
        id = pw.AutoField()
        created_at = pw.DateTimeField()
        worker = pw.IntegerField(index=True)
        trade = pw.CharField(max_length=255)
        level = pw.IntegerField(default=1)
        evaluated_at = pw.CharField(max_length=255, default="")

        class Meta:
            table_name = "worker_level"
            indexes = [(("worker", "trade"), True)]

    def seed():
        from models.history.levels import seed_rules  # the seeded rows as the code has them now

        seed_rules()

    migrator.run(seed)
    migrator.sql("CREATE INDEX IF NOT EXISTS work_record_worker_trade_day ON work_record (worker_id, trade, work_date)")


def rollback(migrator: Migrator, database: pw.Database, *, fake=False):
    migrator.sql("DROP INDEX IF EXISTS work_record_worker_trade_day")
    migrator.remove_model("worker_level")
    migrator.remove_model("level_rule")
