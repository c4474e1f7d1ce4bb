"""092: the nightly level evaluation reads only the workers whose data changed. Triggers mark a worker in
level_dirty in the same transaction as any change to their work records, qualifications, certified
experience, status or main trade (every write path, including bulk SQL, is covered), and any change to
the rules marks every approved worker. `generation` lets the evaluation clear exactly the marks it read.
Existing approved workers are marked once, so the first run after this migration evaluates everyone."""

from contextlib import suppress

import peewee as pw
from peewee_migrate import Migrator

with suppress(ImportError):
    import playhouse.postgres_ext as pw_pext  # noqa: F401

TABLES = ("work_record", "qualification", "prior_experience")  # each has worker_id
MARK = (
    "INSERT INTO level_dirty (worker_id, generation) {rows} "
    "ON CONFLICT (worker_id) DO UPDATE SET generation = level_dirty.generation + 1"
)
ALL_APPROVED = "SELECT id, 1 FROM worker WHERE status = 'approved'"
WORKER_CHANGED = "OLD.status IS NOT NEW.status OR OLD.main_trade IS NOT NEW.main_trade"


def _sqlite(database):
    for table in TABLES:
        for event, row in (("INSERT", "NEW"), ("UPDATE", "NEW"), ("DELETE", "OLD")):
            database.execute_sql(
                f"CREATE TRIGGER {table}_level_{event.lower()} AFTER {event} ON {table} BEGIN "
                + MARK.format(rows=f"VALUES ({row}.worker_id, 1)")
                + "; END"
            )
    database.execute_sql(
        f"CREATE TRIGGER worker_level_update AFTER UPDATE ON worker WHEN {WORKER_CHANGED} BEGIN "
        + MARK.format(rows="VALUES (NEW.id, 1)")
        + "; END"
    )
    for event in ("INSERT", "UPDATE", "DELETE"):
        database.execute_sql(
            f"CREATE TRIGGER level_rule_{event.lower()} AFTER {event} ON level_rule BEGIN "
            + MARK.format(rows=ALL_APPROVED + " AND true")
            + "; END"
        )


def _postgres(database):
    # Statement-level with transition tables: one INSERT … SELECT per statement, not one per row.
    database.execute_sql(
        "CREATE FUNCTION level_dirty_mark() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        + MARK.format(rows="SELECT DISTINCT worker_id, 1 FROM changed")
        + "; RETURN NULL; END $$"
    )
    database.execute_sql(
        "CREATE FUNCTION level_dirty_mark_worker() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        + MARK.format(rows="VALUES (NEW.id, 1)")
        + "; RETURN NULL; END $$"
    )
    database.execute_sql(
        "CREATE FUNCTION level_dirty_mark_all() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        + MARK.format(rows=ALL_APPROVED)
        + "; RETURN NULL; END $$"
    )
    for table in TABLES:
        for event, row in (("INSERT", "NEW"), ("UPDATE", "NEW"), ("DELETE", "OLD")):
            database.execute_sql(
                f"CREATE TRIGGER {table}_level_{event.lower()} AFTER {event} ON {table} "
                f"REFERENCING {row} TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION level_dirty_mark()"
            )
    database.execute_sql(
        "CREATE TRIGGER worker_level_update AFTER UPDATE ON worker FOR EACH ROW "
        f"WHEN ({WORKER_CHANGED.replace('IS NOT', 'IS DISTINCT FROM')}) EXECUTE FUNCTION level_dirty_mark_worker()"
    )
    database.execute_sql(
        "CREATE TRIGGER level_rule_change AFTER INSERT OR UPDATE OR DELETE ON level_rule "
        "FOR EACH STATEMENT EXECUTE FUNCTION level_dirty_mark_all()"
    )


def _triggers(database):
    (_sqlite if isinstance(database, pw.SqliteDatabase) else _postgres)(database)


def _drop(database):
    names = [f"{t}_level_{e}" for t in TABLES for e in ("insert", "update", "delete")] + ["worker_level_update"]
    if isinstance(database, pw.SqliteDatabase):
        for name in names + ["level_rule_insert", "level_rule_update", "level_rule_delete"]:
            database.execute_sql(f"DROP TRIGGER IF EXISTS {name}")
    else:
        for name in names:
            database.execute_sql(f"DROP TRIGGER IF EXISTS {name} ON {name.rsplit('_level_', 1)[0]}")
        database.execute_sql("DROP TRIGGER IF EXISTS worker_level_update ON worker")
        database.execute_sql("DROP TRIGGER IF EXISTS level_rule_change ON level_rule")
        for fn in ("level_dirty_mark", "level_dirty_mark_worker", "level_dirty_mark_all"):
            database.execute_sql(f"DROP FUNCTION IF EXISTS {fn}()")


def migrate(migrator: Migrator, database: pw.Database, *, fake=False):
    migrator.sql("CREATE TABLE level_dirty (worker_id INTEGER NOT NULL PRIMARY KEY, generation INTEGER NOT NULL)")
    migrator.run(_triggers, database)
    migrator.sql("INSERT INTO level_dirty (worker_id, generation) " + ALL_APPROVED)


def rollback(migrator: Migrator, database: pw.Database, *, fake=False):
    migrator.run(_drop, database)
    migrator.sql("DROP TABLE level_dirty")
