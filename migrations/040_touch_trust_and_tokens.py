"""040: card serials are enrolled (null until then); touches keep their sender, site, worker, method
and whether they count; work records carry a change sequence for the export cursor; API clients
(certified systems) and their sites."""

from contextlib import suppress

import peewee as pw
from peewee_migrate import Migrator

with suppress(ImportError):
    import playhouse.postgres_ext as pw_pext  # noqa: F401


def migrate(migrator: Migrator, database: pw.Database, *, fake=False):
    migrator.drop_not_null("card", "idm")
    migrator.add_fields("card", serial_source=pw.CharField(default=""), serial_enrolled_at=pw.DateTimeField(null=True))
    # Cards made before serials were enrolled carry made-up serials: say so.
    migrator.sql("UPDATE card SET serial_source = 'generated' WHERE idm IS NOT NULL")
    migrator.add_fields("work_record", seq=pw.BigIntegerField(default=0))
    migrator.add_index("work_record", "seq", "id")

    migrator.sql("ALTER TABLE touch RENAME TO touch_before_040")

    @migrator.create_model
    class Touch(pw.Model):
        id = pw.AutoField()
        created_at = pw.DateTimeField()
        owner = pw.CharField(max_length=40)
        event_id = pw.CharField(max_length=64)
        site = pw.ForeignKeyField(column_name="site_id", field="id", model=migrator.orm["site"], on_delete="CASCADE")
        card = pw.ForeignKeyField(column_name="card_id", field="id", model=migrator.orm["card"], null=True)
        worker = pw.ForeignKeyField(column_name="worker_id", field="id", model=migrator.orm["worker"], null=True)
        direction = pw.CharField(max_length=3)
        touched_at = pw.DateTimeField()
        work_date = pw.DateField()
        status = pw.CharField(max_length=12, default="counted")
        method = pw.CharField(max_length=8, default="reader")
        made_by = pw.ForeignKeyField(column_name="made_by_id", field="id", model=migrator.orm["account"], null=True)

        class Meta:
            table_name = "touch"
            indexes = [(("owner", "event_id"), True), (("site", "status", "work_date"), False)]

    migrator.sql(
        "INSERT INTO touch (created_at, owner, event_id, site_id, card_id, worker_id, direction, touched_at,"
        " work_date, status, method) SELECT t.created_at, 'reader:' || t.reader_id, substr(t.event_id, 1, 64),"
        " r.site_id, t.card_id, c.worker_id, t.direction, t.touched_at, CAST(t.touched_at AS DATE), 'counted', 'reader'"
        " FROM touch_before_040 t JOIN card_reader r ON r.id = t.reader_id JOIN card c ON c.id = t.card_id"
    )
    migrator.sql("DROP TABLE touch_before_040")

    @migrator.create_model
    class ApiClient(pw.Model):
        id = pw.AutoField()
        created_at = pw.DateTimeField()
        company = pw.ForeignKeyField(column_name="company_id", field="id", model=migrator.orm["company"])
        name = pw.CharField(max_length=60)
        scopes = pw.CharField(max_length=60)
        token_hash = pw.CharField(max_length=255, unique=True)
        token_hint = pw.CharField(max_length=8)
        revoked_at = pw.DateTimeField(null=True)
        last_used_at = pw.DateTimeField(null=True)

        class Meta:
            table_name = "api_client"

    @migrator.create_model
    class ApiClientSite(pw.Model):
        id = pw.AutoField()
        created_at = pw.DateTimeField()
        client = pw.ForeignKeyField(
            column_name="client_id", field="id", model=migrator.orm["api_client"], on_delete="CASCADE"
        )
        site = pw.ForeignKeyField(column_name="site_id", field="id", model=migrator.orm["site"], on_delete="CASCADE")

        class Meta:
            table_name = "api_client_site"
            indexes = [(("client", "site"), True)]


def rollback(migrator: Migrator, database: pw.Database, *, fake=False):
    migrator.remove_model("api_client_site")
    migrator.remove_model("api_client")
    migrator.remove_fields("card", "serial_source", "serial_enrolled_at")
    migrator.drop_index("work_record", "seq", "id")
    migrator.remove_fields("work_record", "seq")
