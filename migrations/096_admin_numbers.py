"""096: each admin ID (管理者ID) gets its number within its company, never reused (Q1-10: login by 管理者ID).
The company's first admin, its 事業者責任者, is number 1 and also logs in with the bare 事業者ID."""

import peewee as pw
from peewee_migrate import Migrator


def migrate(migrator: Migrator, database: pw.Database, *, fake=False):
    migrator.sql("ALTER TABLE membership ADD COLUMN admin_number INTEGER")
    migrator.sql(
        "UPDATE membership SET admin_number = (SELECT COUNT(*) FROM membership m"
        " WHERE m.company_id = membership.company_id AND m.id <= membership.id)"
    )
    migrator.sql("CREATE UNIQUE INDEX membership_company_id_admin_number ON membership (company_id, admin_number)")
    migrator.sql(
        "INSERT INTO id_sequence (kind, last) SELECT 'admin:' || company_id, MAX(admin_number)"
        " FROM membership GROUP BY company_id"
    )


def rollback(migrator: Migrator, database: pw.Database, *, fake=False):
    migrator.sql("DELETE FROM id_sequence WHERE kind LIKE 'admin:%'")
    migrator.sql("DROP INDEX membership_company_id_admin_number")
    migrator.sql("ALTER TABLE membership DROP COLUMN admin_number")
