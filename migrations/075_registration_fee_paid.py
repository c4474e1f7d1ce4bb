"""075: a company's 事業者ID is usable once its registration fee is paid (DOMAIN §4); the payment method
a worker chose when submitting (guidance Section 5)."""

from contextlib import suppress

import peewee as pw
from peewee_migrate import Migrator

with suppress(ImportError):
    import playhouse.postgres_ext as pw_pext  # noqa: F401


# Plain ALTER TABLE (SQLite 3.35+ and PostgreSQL): peewee's SQLite migrator would rebuild the table,
# which foreign keys to it refuse once there is data.
def migrate(migrator: Migrator, database: pw.Database, *, fake=False):
    migrator.sql("ALTER TABLE company ADD COLUMN registration_paid_on DATE")
    migrator.sql("ALTER TABLE application ADD COLUMN payment_method VARCHAR(255) NOT NULL DEFAULT ''")
    # Approved companies keep working unless their registration fee is still open.
    migrator.sql(
        "UPDATE company SET registration_paid_on = COALESCE("
        " (SELECT MAX(i.paid_on) FROM invoice i JOIN application a ON i.application_ref = a.id"
        "  WHERE a.company_id = company.id AND i.purpose = 'company_registration' AND i.status = 'paid'),"
        " CURRENT_DATE)"
        " WHERE status = 'approved' AND NOT EXISTS ("
        " SELECT 1 FROM invoice i JOIN application a ON i.application_ref = a.id"
        "  WHERE a.company_id = company.id AND i.purpose = 'company_registration' AND i.status = 'open')"
    )


def rollback(migrator: Migrator, database: pw.Database, *, fake=False):
    migrator.sql("ALTER TABLE application DROP COLUMN payment_method")
    migrator.sql("ALTER TABLE company DROP COLUMN registration_paid_on")
