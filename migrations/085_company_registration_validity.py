"""085: a company registration's validity (事業者登録の有効期間, DOMAIN §3: 5 years, to the end of the
month); existing registrations get theirs from the day their fee was paid."""

import datetime as dt
from contextlib import suppress

import peewee as pw
from peewee_migrate import Migrator

with suppress(ImportError):
    import playhouse.postgres_ext as pw_pext  # noqa: F401


def valid_until_from(day):
    """The last day of the month of `day`, 5 years later (as models/billing/renewals.py, frozen here)."""
    return (
        dt.date(day.year + 5, day.month % 12 + 1, 1) - dt.timedelta(days=1)
        if day.month < 12
        else dt.date(day.year + 5, 12, 31)
    )


def _backfill(database):
    rows = database.execute_sql(
        "SELECT id, registration_paid_on FROM company WHERE registration_paid_on IS NOT NULL"
    ).fetchall()
    for company_id, paid_on in rows:
        if isinstance(paid_on, str):
            paid_on = dt.date.fromisoformat(paid_on[:10])
        database.execute_sql(
            "UPDATE company SET registration_valid_until = %s WHERE id = %s" % (database.param, database.param),
            (valid_until_from(paid_on), company_id),
        )


# Plain ALTER TABLE, as in 075: peewee's SQLite migrator would rebuild the table.
def migrate(migrator: Migrator, database: pw.Database, *, fake=False):
    migrator.sql("ALTER TABLE company ADD COLUMN registration_valid_until DATE")
    migrator.run(_backfill, database)


def rollback(migrator: Migrator, database: pw.Database, *, fake=False):
    migrator.sql("ALTER TABLE company DROP COLUMN registration_valid_until")
