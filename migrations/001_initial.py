"""001: the tables of step 1 (accounts, companies, workers, applications, cards, sites, history)."""

from contextlib import suppress

import peewee as pw
from peewee_migrate import Migrator

with suppress(ImportError):
    pass


def migrate(migrator: Migrator, database: pw.Database, *, fake=False):
    @migrator.create_model
    class Account(pw.Model):
        id = pw.AutoField()
        created_at = pw.DateTimeField()
        email = pw.CharField(max_length=255, unique=True)
        display_name = pw.CharField(max_length=255)
        password_hash = pw.CharField(max_length=255)
        email_confirmed_at = pw.DateTimeField(null=True)
        failed_logins = pw.IntegerField(default=0)
        locked_until = pw.DateTimeField(null=True)
        is_reviewer = pw.BooleanField(default=False)
        last_used_at = pw.DateTimeField(null=True)
        lang = pw.CharField(default="ja", max_length=255)

        class Meta:
            table_name = "account"

    @migrator.create_model
    class Worker(pw.Model):
        id = pw.AutoField()
        created_at = pw.DateTimeField()
        account = pw.ForeignKeyField(
            column_name="account_id", field="id", model=migrator.orm["account"], null=True, unique=True
        )
        worker_id = pw.CharField(max_length=255, null=True, unique=True)
        family_name = pw.CharField(max_length=255)
        given_name = pw.CharField(max_length=255)
        middle_name = pw.CharField(default="", max_length=255)
        family_kana = pw.CharField(default="", max_length=255)
        given_kana = pw.CharField(default="", max_length=255)
        birth_date = pw.DateField()
        gender = pw.CharField(max_length=255)
        nationality = pw.CharField(default="日本", max_length=255)
        postal_code = pw.CharField(default="", max_length=255)
        address = pw.CharField(max_length=255)
        phone = pw.CharField(max_length=255)
        main_trade = pw.CharField(max_length=255)
        has_photo_id = pw.BooleanField(default=True)
        status = pw.CharField(default="pending", max_length=255)

        class Meta:
            table_name = "worker"

    @migrator.create_model
    class Company(pw.Model):
        id = pw.AutoField()
        created_at = pw.DateTimeField()
        business_id = pw.CharField(max_length=255, null=True, unique=True)
        entity_type = pw.CharField(max_length=255)
        name = pw.CharField(max_length=255)
        trade_name_given = pw.CharField(default="", max_length=255)
        representative_name = pw.CharField(max_length=255)
        postal_code = pw.CharField(default="", max_length=255)
        address = pw.CharField(max_length=255)
        phone = pw.CharField(max_length=255)
        capital = pw.BigIntegerField(default=0)
        status = pw.CharField(default="pending", max_length=255)

        class Meta:
            table_name = "company"

    @migrator.create_model
    class Affiliation(pw.Model):
        id = pw.AutoField()
        created_at = pw.DateTimeField()
        worker = pw.ForeignKeyField(
            column_name="worker_id", field="id", model=migrator.orm["worker"], on_delete="CASCADE"
        )
        company = pw.ForeignKeyField(column_name="company_id", field="id", model=migrator.orm["company"])
        is_main = pw.BooleanField(default=False)
        ended_on = pw.DateField(null=True)

        class Meta:
            table_name = "affiliation"
            indexes = [(("worker", "company"), False)]

    @migrator.create_model
    class Application(pw.Model):
        id = pw.AutoField()
        created_at = pw.DateTimeField()
        kind = pw.CharField(max_length=255)
        applicant = pw.ForeignKeyField(column_name="applicant_id", field="id", model=migrator.orm["account"])
        company = pw.ForeignKeyField(column_name="company_id", field="id", model=migrator.orm["company"], null=True)
        worker = pw.ForeignKeyField(column_name="worker_id", field="id", model=migrator.orm["worker"], null=True)
        status = pw.CharField(default="submitted", max_length=255)
        submitted_at = pw.DateTimeField()
        decided_at = pw.DateTimeField(null=True)
        reviewer = pw.ForeignKeyField(column_name="reviewer_id", field="id", model=migrator.orm["account"], null=True)

        class Meta:
            table_name = "application"

    @migrator.create_model
    class Card(pw.Model):
        id = pw.AutoField()
        created_at = pw.DateTimeField()
        worker = pw.ForeignKeyField(
            column_name="worker_id", field="id", model=migrator.orm["worker"], on_delete="CASCADE"
        )
        idm = pw.CharField(max_length=255, unique=True)
        level = pw.IntegerField(default=1)
        issued_on = pw.DateField()
        valid_until = pw.DateField()
        status = pw.CharField(default="issued", max_length=255)

        class Meta:
            table_name = "card"

    @migrator.create_model
    class Site(pw.Model):
        id = pw.AutoField()
        created_at = pw.DateTimeField()
        site_id = pw.CharField(max_length=255, unique=True)
        prime = pw.ForeignKeyField(column_name="prime_id", field="id", model=migrator.orm["company"])
        name = pw.CharField(max_length=255)
        address = pw.CharField(default="", max_length=255)
        starts_on = pw.DateField(null=True)
        ends_on = pw.DateField(null=True)

        class Meta:
            table_name = "site"

    @migrator.create_model
    class CardReader(pw.Model):
        id = pw.AutoField()
        created_at = pw.DateTimeField()
        site = pw.ForeignKeyField(column_name="site_id", field="id", model=migrator.orm["site"], on_delete="CASCADE")
        name = pw.CharField(max_length=255)
        token_hash = pw.CharField(max_length=255, unique=True)
        token_hint = pw.CharField(max_length=255)

        class Meta:
            table_name = "card_reader"

    @migrator.create_model
    class IdSequence(pw.Model):
        id = pw.AutoField()
        created_at = pw.DateTimeField()
        kind = pw.CharField(max_length=255, unique=True)
        last = pw.IntegerField(default=0)

        class Meta:
            table_name = "id_sequence"

    @migrator.create_model
    class Membership(pw.Model):
        id = pw.AutoField()
        created_at = pw.DateTimeField()
        account = pw.ForeignKeyField(
            column_name="account_id", field="id", model=migrator.orm["account"], on_delete="CASCADE"
        )
        company = pw.ForeignKeyField(
            column_name="company_id", field="id", model=migrator.orm["company"], on_delete="CASCADE"
        )
        role = pw.CharField(default="system_admin", max_length=255)

        class Meta:
            table_name = "membership"
            indexes = [(("account", "company"), True)]

    @migrator.create_model
    class RosterEntry(pw.Model):
        id = pw.AutoField()
        created_at = pw.DateTimeField()
        site = pw.ForeignKeyField(column_name="site_id", field="id", model=migrator.orm["site"], on_delete="CASCADE")
        company = pw.ForeignKeyField(column_name="company_id", field="id", model=migrator.orm["company"])
        worker = pw.ForeignKeyField(column_name="worker_id", field="id", model=migrator.orm["worker"])
        position = pw.CharField(max_length=255)
        trade = pw.CharField(max_length=255)

        class Meta:
            table_name = "roster_entry"
            indexes = [(("site", "worker"), True)]

    @migrator.create_model
    class SiteContract(pw.Model):
        id = pw.AutoField()
        created_at = pw.DateTimeField()
        site = pw.ForeignKeyField(column_name="site_id", field="id", model=migrator.orm["site"], on_delete="CASCADE")
        company = pw.ForeignKeyField(column_name="company_id", field="id", model=migrator.orm["company"])
        parent = pw.ForeignKeyField(column_name="parent_id", field="id", model=migrator.orm["company"])
        tier = pw.IntegerField(default=1)
        status = pw.CharField(default="invited", max_length=255)

        class Meta:
            table_name = "site_contract"
            indexes = [(("site", "company"), True)]

    @migrator.create_model
    class WorkRecord(pw.Model):
        id = pw.AutoField()
        created_at = pw.DateTimeField()
        worker = pw.ForeignKeyField(column_name="worker_id", field="id", model=migrator.orm["worker"])
        site = pw.ForeignKeyField(column_name="site_id", field="id", model=migrator.orm["site"])
        company = pw.ForeignKeyField(column_name="company_id", field="id", model=migrator.orm["company"], null=True)
        work_date = pw.DateField()
        trade = pw.CharField(default="", max_length=255)
        position = pw.CharField(default="", max_length=255)
        first_in = pw.DateTimeField(null=True)
        last_out = pw.DateTimeField(null=True)
        source = pw.CharField(default="card", max_length=255)

        class Meta:
            table_name = "work_record"
            indexes = [(("worker", "site", "work_date", "trade"), True)]

    @migrator.create_model
    class Touch(pw.Model):
        id = pw.AutoField()
        created_at = pw.DateTimeField()
        reader = pw.ForeignKeyField(column_name="reader_id", field="id", model=migrator.orm["card_reader"])
        event_id = pw.CharField(max_length=255)
        card = pw.ForeignKeyField(column_name="card_id", field="id", model=migrator.orm["card"])
        direction = pw.CharField(max_length=255)
        touched_at = pw.DateTimeField()
        record = pw.ForeignKeyField(column_name="record_id", field="id", model=migrator.orm["work_record"], null=True)

        class Meta:
            table_name = "touch"
            indexes = [(("reader", "event_id"), True)]


def rollback(migrator: Migrator, database: pw.Database, *, fake=False):
    migrator.remove_model("touch")

    migrator.remove_model("work_record")

    migrator.remove_model("site_contract")

    migrator.remove_model("roster_entry")

    migrator.remove_model("membership")

    migrator.remove_model("id_sequence")

    migrator.remove_model("card_reader")

    migrator.remove_model("site")

    migrator.remove_model("card")

    migrator.remove_model("application")

    migrator.remove_model("affiliation")

    migrator.remove_model("company")

    migrator.remove_model("worker")

    migrator.remove_model("account")
