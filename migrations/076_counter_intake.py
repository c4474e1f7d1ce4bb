"""076: 窓口申請 (counter and paper applications, seed Q4-6/Q5-2): the face check recorded at intake. The card's
validity now follows whether an identity document was submitted (DOMAIN §3), read from the document kind."""

from contextlib import suppress

import peewee as pw
from peewee_migrate import Migrator

with suppress(ImportError):
    import playhouse.postgres_ext as pw_pext  # noqa: F401


# Plain ALTER TABLE (SQLite 3.35+ and PostgreSQL): peewee's SQLite migrator would rebuild the table,
# which foreign keys to it refuse once there is data.
def migrate(migrator: Migrator, database: pw.Database, *, fake=False):
    @migrator.create_model
    class CounterIntake(pw.Model):
        id = pw.AutoField()
        created_at = pw.DateTimeField()
        application = pw.ForeignKeyField(
            column_name="application_id",
            field="id",
            model=migrator.orm["application"],
            on_delete="CASCADE",
            unique=True,
        )
        office = pw.CharField(max_length=255)
        id_document = pw.CharField(max_length=255)
        face_checked = pw.BooleanField(default=False)
        checked_by = pw.ForeignKeyField(column_name="checked_by_id", field="id", model=migrator.orm["account"])
        note = pw.TextField(default="")

        class Meta:
            table_name = "counter_intake"

    migrator.sql("ALTER TABLE worker DROP COLUMN has_photo_id")


def rollback(migrator: Migrator, database: pw.Database, *, fake=False):
    migrator.sql("ALTER TABLE worker ADD COLUMN has_photo_id BOOLEAN NOT NULL DEFAULT TRUE")
    migrator.remove_model("counter_intake")
