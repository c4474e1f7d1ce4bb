"""100: the data behind the Green File: 建設業許可, 営業所 with 事業所整理記号等, and each company's part of a
site's 施工体制台帳 (models/sites/ledger.py)."""

from contextlib import suppress

import peewee as pw
from peewee_migrate import Migrator

with suppress(ImportError):
    import playhouse.postgres_ext as pw_pext  # noqa: F401


def migrate(migrator: Migrator, database: pw.Database, *, fake=False):
    @migrator.create_model
    class ConstructionPermit(pw.Model):
        id = pw.AutoField()
        created_at = pw.DateTimeField()
        company = pw.ForeignKeyField(
            column_name="company_id", field="id", model=migrator.orm["company"], on_delete="CASCADE"
        )
        trade = pw.CharField(max_length=255)
        authority = pw.CharField(default="governor", max_length=255)
        prefecture = pw.CharField(default="", max_length=255)
        grade = pw.CharField(default="general", max_length=255)
        number = pw.CharField(max_length=255)
        permitted_on = pw.DateField(null=True)

        class Meta:
            table_name = "construction_permit"

    @migrator.create_model
    class Office(pw.Model):
        id = pw.AutoField()
        created_at = pw.DateTimeField()
        company = pw.ForeignKeyField(
            column_name="company_id", field="id", model=migrator.orm["company"], on_delete="CASCADE"
        )
        name = pw.CharField(max_length=255)
        address = pw.CharField(default="", max_length=255)
        health_code = pw.CharField(default="", max_length=255)
        pension_code = pw.CharField(default="", max_length=255)
        employment_code = pw.CharField(default="", max_length=255)

        class Meta:
            table_name = "office"

    @migrator.create_model
    class ContractLedger(pw.Model):
        id = pw.AutoField()
        created_at = pw.DateTimeField()
        site = pw.ForeignKeyField(column_name="site_id", field="id", model=migrator.orm["site"], on_delete="CASCADE")
        company = pw.ForeignKeyField(column_name="company_id", field="id", model=migrator.orm["company"])
        contract_date = pw.DateField(null=True)
        office = pw.ForeignKeyField(
            column_name="office_id", field="id", model=migrator.orm["office"], null=True, on_delete="SET NULL"
        )
        chief = pw.ForeignKeyField(
            column_name="chief_id", field="id", model=migrator.orm["worker"], null=True, on_delete="SET NULL"
        )
        chief_role = pw.CharField(default="chief", max_length=255)
        chief_dedicated = pw.BooleanField(default=False)
        chief_qualification = pw.ForeignKeyField(
            column_name="chief_qualification_id",
            field="id",
            model=migrator.orm["qualification"],
            null=True,
            on_delete="SET NULL",
        )
        agent_name = pw.CharField(default="", max_length=255)
        agent_authority = pw.TextField(default="")
        assistant_name = pw.CharField(default="", max_length=255)
        specialist_name = pw.CharField(default="", max_length=255)
        specialist_qualification = pw.CharField(default="", max_length=255)
        specialist_work = pw.CharField(default="", max_length=255)
        safety_manager = pw.CharField(default="", max_length=255)
        safety_promoter = pw.CharField(default="", max_length=255)
        employment_manager = pw.CharField(default="", max_length=255)
        client_supervisor = pw.CharField(default="", max_length=255)
        client_supervisor_authority = pw.TextField(default="")
        supervisor_name = pw.CharField(default="", max_length=255)
        supervisor_authority = pw.TextField(default="")

        class Meta:
            table_name = "contract_ledger"
            indexes = ((("site", "company"), True),)


def rollback(migrator: Migrator, database: pw.Database, *, fake=False):
    migrator.remove_model("contract_ledger")
    migrator.remove_model("office")
    migrator.remove_model("construction_permit")
