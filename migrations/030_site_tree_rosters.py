"""030: site and contract details, subcontract scope and period, roster details, new-entrant education."""

from contextlib import suppress

import peewee as pw
from peewee_migrate import Migrator

with suppress(ImportError):
    import playhouse.postgres_ext as pw_pext  # noqa: F401

SITE_FIELDS = {
    "order_type": lambda: pw.CharField(default="private"),
    "hazardous": lambda: pw.BooleanField(default=False),
    "client_name": lambda: pw.CharField(default=""),
    "contract_form": lambda: pw.CharField(default=""),
    "contract_date": lambda: pw.DateField(null=True),
    "works_kind": lambda: pw.CharField(default=""),
    "corins": lambda: pw.BooleanField(null=True),
    "use": lambda: pw.CharField(default=""),
    "works_category": lambda: pw.CharField(default=""),
    "works_trade": lambda: pw.CharField(default=""),
    "scale": lambda: pw.CharField(default=""),
    "works_content": lambda: pw.TextField(default=""),
    "agent_name": lambda: pw.CharField(default=""),
}
CONTRACT_FIELDS = {
    "kind": lambda: pw.CharField(default="subcontract"),
    "scope": lambda: pw.CharField(default=""),
    "starts_on": lambda: pw.DateField(null=True),
    "ends_on": lambda: pw.DateField(null=True),
    "answered_at": lambda: pw.DateTimeField(null=True),
}
ENTRY_FIELDS = {
    "work_content": lambda: pw.CharField(default=""),
    "marks": lambda: pw.CharField(default=""),
    "foreign_status": lambda: pw.CharField(default=""),
    "hired_on": lambda: pw.DateField(null=True),
    "entered_on": lambda: pw.DateField(null=True),
    "left_on": lambda: pw.DateField(null=True),
    "hire_education_on": lambda: pw.DateField(null=True),
    "entry_education_on": lambda: pw.DateField(null=True),
    "health_check_on": lambda: pw.DateField(null=True),
    "special_education": lambda: pw.CharField(default=""),
    "skill_training": lambda: pw.CharField(default=""),
    "show_qualifications": lambda: pw.BooleanField(default=True),
    "employer_unregistered": lambda: pw.BooleanField(default=False),
}


def migrate(migrator: Migrator, database: pw.Database, *, fake=False):
    migrator.add_fields("site", **{k: f() for k, f in SITE_FIELDS.items()})
    migrator.add_fields(
        "site",
        manager=pw.ForeignKeyField(
            column_name="manager_id",
            field="id",
            model=migrator.orm["membership"],
            null=True,
            on_delete="SET NULL",
            backref="managed_sites",
        ),
    )
    migrator.add_fields("site_contract", **{k: f() for k, f in CONTRACT_FIELDS.items()})
    migrator.add_fields("roster_entry", **{k: f() for k, f in ENTRY_FIELDS.items()})
    migrator.add_fields(
        "roster_entry",
        added_by=pw.ForeignKeyField(
            column_name="added_by_id", field="id", model=migrator.orm["company"], null=True, backref="proxied_entries"
        ),
    )

    @migrator.create_model
    class EducationSession(pw.Model):
        id = pw.AutoField()
        created_at = pw.DateTimeField()
        site = pw.ForeignKeyField(column_name="site_id", field="id", model=migrator.orm["site"], on_delete="CASCADE")
        held_on = pw.DateField()
        instructor = pw.CharField()
        content = pw.TextField(default="")

        class Meta:
            table_name = "education_session"

    @migrator.create_model
    class EducationAttendance(pw.Model):
        id = pw.AutoField()
        created_at = pw.DateTimeField()
        session = pw.ForeignKeyField(column_name="session_id", field="id", model=EducationSession, on_delete="CASCADE")
        entry = pw.ForeignKeyField(
            column_name="entry_id", field="id", model=migrator.orm["roster_entry"], on_delete="CASCADE"
        )

        class Meta:
            table_name = "education_attendance"
            indexes = ((("session", "entry"), True),)


def rollback(migrator: Migrator, database: pw.Database, *, fake=False):
    migrator.remove_model("education_attendance")
    migrator.remove_model("education_session")
    migrator.drop_index("roster_entry", "added_by")  # SQLite cannot drop an indexed column
    migrator.remove_fields("roster_entry", *ENTRY_FIELDS, "added_by")
    migrator.remove_fields("site_contract", *CONTRACT_FIELDS)
    migrator.drop_index("site", "manager")
    migrator.remove_fields("site", *SITE_FIELDS, "manager")
