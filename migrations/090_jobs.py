"""090: durable job rows (models/core/jobs.py). The bulk import's and the site document's own status and
progress columns move into their job, so there is one status system; a company's data export is a job too."""

from contextlib import suppress

import peewee as pw
from peewee_migrate import Migrator

with suppress(ImportError):
    import playhouse.postgres_ext as pw_pext  # noqa: F401

# Old status → job state (an integration batch waiting for the company's choice has no job).
STATE = {"queued": "queued", "running": "failed", "done": "done", "failed": "failed"}


def _move_status(database, table, kind, select):
    """`select` gives (id, status, progress, created_at, company id) of each row of `table`."""
    p = database.param
    rows = database.execute_sql(select).fetchall()
    for row_id, status, progress, created_at, company_id in rows:
        if status not in STATE:
            continue
        # A job left running by the old code never finishes: failed, with its retry button.
        error = "interrupted" if status == "running" else ""
        cursor = database.execute_sql(
            "INSERT INTO job (kind, company, state, progress, attempts, max_attempts, heartbeat_at, error, detail,"
            f" created_at, finished_at) VALUES ({p}, {p}, {p}, {p}, 1, 3, {p}, {p}, '', {p}, {p}) RETURNING id",
            (kind, company_id, STATE[status], progress or 0, created_at, error, created_at, created_at),
        )
        job_id = cursor.fetchone()[0]
        database.execute_sql(f"UPDATE {table} SET job_id = {p} WHERE id = {p}", (job_id, row_id))


def _backfill(database):
    _move_status(
        database,
        "bulk_import",
        "bulk_import",
        "SELECT id, status, CASE WHEN total > 0 THEN 100 * processed / total ELSE 0 END, created_at, company_id"
        " FROM bulk_import",
    )
    _move_status(
        database,
        "site_document",
        "site_document",
        "SELECT id, status, progress, created_at, requested_by_id FROM site_document",
    )


def migrate(migrator: Migrator, database: pw.Database, *, fake=False):
    @migrator.create_model
    class Job(pw.Model):
        id = pw.AutoField()
        created_at = pw.DateTimeField()
        kind = pw.CharField(max_length=255, index=True)
        key = pw.CharField(max_length=255, null=True, unique=True)
        company = pw.IntegerField(null=True, index=True)
        state = pw.CharField(max_length=255, default="queued", index=True)
        progress = pw.IntegerField(default=0)
        attempts = pw.IntegerField(default=0)
        max_attempts = pw.IntegerField(default=3)
        heartbeat_at = pw.DateTimeField()
        error = pw.CharField(max_length=255, default="")
        detail = pw.CharField(max_length=255, default="")
        started_at = pw.DateTimeField(null=True)
        finished_at = pw.DateTimeField(null=True)

        class Meta:
            table_name = "job"

    @migrator.create_model
    class CompanyExport(pw.Model):
        id = pw.AutoField()
        created_at = pw.DateTimeField()
        company = pw.ForeignKeyField(column_name="company_id", field="id", model=migrator.orm["company"])
        account = pw.ForeignKeyField(column_name="account_id", field="id", model=migrator.orm["account"])
        job = pw.ForeignKeyField(column_name="job_id", field="id", model=migrator.orm["job"])
        data = pw.BlobField(null=True)

        class Meta:
            table_name = "company_export"

    # Plain ALTER TABLE (as in 076): peewee's SQLite migrator would rebuild the tables.
    migrator.sql("ALTER TABLE bulk_import ADD COLUMN job_id INTEGER REFERENCES job (id)")
    migrator.sql("ALTER TABLE site_document ADD COLUMN job_id INTEGER REFERENCES job (id)")
    migrator.run(_backfill, database)
    migrator.sql("ALTER TABLE bulk_import DROP COLUMN status")
    migrator.sql("ALTER TABLE site_document DROP COLUMN status")
    migrator.sql("ALTER TABLE site_document DROP COLUMN progress")


def rollback(migrator: Migrator, database: pw.Database, *, fake=False):
    migrator.sql("ALTER TABLE bulk_import ADD COLUMN status VARCHAR(255) NOT NULL DEFAULT 'done'")
    migrator.sql("ALTER TABLE site_document ADD COLUMN status VARCHAR(255) NOT NULL DEFAULT 'done'")
    migrator.sql("ALTER TABLE site_document ADD COLUMN progress INTEGER NOT NULL DEFAULT 100")
    migrator.sql("ALTER TABLE bulk_import DROP COLUMN job_id")
    migrator.sql("ALTER TABLE site_document DROP COLUMN job_id")
    migrator.remove_model("company_export")
    migrator.remove_model("job")
