"""002: step 2 — full company and worker registration, review rounds (不備, 補記), attachments,
fees, invoices, card requests, change and link requests, notices, inquiries."""

from contextlib import suppress

import peewee as pw
from peewee_migrate import Migrator

with suppress(ImportError):
    pass


def migrate(migrator: Migrator, database: pw.Database, *, fake=False):
    migrator.add_fields(
        "account", must_change_password=pw.BooleanField(default=False), deactivated_at=pw.DateTimeField(null=True)
    )

    migrator.add_fields(
        "worker",
        no_kana_on_document=pw.BooleanField(default=False),
        alias_name=pw.CharField(default="", max_length=255),
        print_alias=pw.BooleanField(default=False),
        address_from_licence_back=pw.BooleanField(default=False),
        email=pw.CharField(default="", max_length=255),
        blood_type=pw.CharField(default="", max_length=255),
        emergency_name=pw.CharField(default="", max_length=255),
        emergency_relation=pw.CharField(default="", max_length=255),
        emergency_phone=pw.CharField(default="", max_length=255),
        experience_years=pw.IntegerField(default=0),
        registration_type=pw.CharField(default="detailed", max_length=255),
        id_document=pw.CharField(default="", max_length=255),
        health_insurance=pw.CharField(default="", max_length=255),
        pension=pw.CharField(default="", max_length=255),
        employment_insurance=pw.CharField(default="", max_length=255),
        kentaikyo_number=pw.CharField(default="", max_length=255),
        chutaikyo=pw.BooleanField(default=False),
        health_check_date=pw.DateField(null=True),
        last_used_at=pw.DateField(null=True),
    )

    migrator.add_fields(
        "company",
        name_kana=pw.CharField(default="", max_length=255),
        email=pw.CharField(default="", max_length=255),
        employee_count=pw.IntegerField(default=0),
        has_licence=pw.BooleanField(default=False),
        licence_authority=pw.CharField(default="", max_length=255),
        licence_kind=pw.CharField(default="", max_length=255),
        licence_number=pw.CharField(default="", max_length=255),
        licence_trades=pw.CharField(default="", max_length=255),
        alt_document=pw.CharField(default="", max_length=255),
        alt_document_date=pw.DateField(null=True),
        officer_name=pw.CharField(default="", max_length=255),
        officer_postal_code=pw.CharField(default="", max_length=255),
        officer_address=pw.CharField(default="", max_length=255),
        officer_phone=pw.CharField(default="", max_length=255),
        officer_email=pw.CharField(default="", max_length=255),
        health_insurance=pw.CharField(default="", max_length=255),
        pension=pw.CharField(default="", max_length=255),
        employment_insurance=pw.CharField(default="", max_length=255),
        employment_insurance_number=pw.CharField(default="", max_length=255),
        rousai_special=pw.BooleanField(default=False),
        rousai_number=pw.CharField(default="", max_length=255),
    )

    migrator.add_fields(
        "affiliation",
        is_secondment=pw.BooleanField(default=False),
        started_on=pw.DateField(null=True),
        end_reason=pw.CharField(default="", max_length=255),
    )

    migrator.add_fields(
        "application",
        channel=pw.CharField(default="internet", max_length=255),
        round=pw.IntegerField(default=1),
        fee_amount=pw.IntegerField(null=True),
        fee_scheme=pw.CharField(default="", max_length=255),
        partner=pw.ForeignKeyField(column_name="partner_id", field="id", model="self", null=True),
    )

    migrator.drop_not_null("application", "submitted_at")

    migrator.add_fields("card", mailed_on=pw.DateField(null=True), print_alias=pw.CharField(default="", max_length=255))

    @migrator.create_model
    class ApplicationEvent(pw.Model):
        id = pw.AutoField()
        created_at = pw.DateTimeField()
        application = pw.ForeignKeyField(
            column_name="application_id", field="id", model=migrator.orm["application"], on_delete="CASCADE"
        )
        round = pw.IntegerField()
        action = pw.CharField(max_length=255)
        actor = pw.ForeignKeyField(column_name="actor_id", field="id", model=migrator.orm["account"], null=True)
        note = pw.TextField(default="")

        class Meta:
            table_name = "application_event"

    @migrator.create_model
    class Attachment(pw.Model):
        id = pw.AutoField()
        created_at = pw.DateTimeField()
        company = pw.ForeignKeyField(
            column_name="company_id", field="id", model=migrator.orm["company"], null=True, on_delete="CASCADE"
        )
        worker = pw.ForeignKeyField(
            column_name="worker_id", field="id", model=migrator.orm["worker"], null=True, on_delete="CASCADE"
        )
        purpose = pw.CharField(max_length=255)
        ref_id = pw.IntegerField(null=True)
        filename = pw.CharField(max_length=255)
        mime = pw.CharField(max_length=255)
        size = pw.IntegerField()
        sha256 = pw.CharField(max_length=255)
        data = pw.BlobField()

        class Meta:
            table_name = "attachment"

    @migrator.create_model
    class Award(pw.Model):
        id = pw.AutoField()
        created_at = pw.DateTimeField()
        worker = pw.ForeignKeyField(
            column_name="worker_id", field="id", model=migrator.orm["worker"], on_delete="CASCADE"
        )
        name = pw.CharField(max_length=255)
        awarded_by = pw.CharField(default="", max_length=255)
        awarded_on = pw.DateField(null=True)

        class Meta:
            table_name = "award"

    @migrator.create_model
    class CardRequest(pw.Model):
        id = pw.AutoField()
        created_at = pw.DateTimeField()
        worker = pw.ForeignKeyField(
            column_name="worker_id", field="id", model=migrator.orm["worker"], on_delete="CASCADE"
        )
        kind = pw.CharField(max_length=255)
        reason = pw.CharField(default="", max_length=255)
        detail = pw.TextField(default="")
        status = pw.CharField(default="requested", max_length=255)
        handled_by = pw.ForeignKeyField(
            column_name="handled_by_id", field="id", model=migrator.orm["account"], null=True
        )
        updated_at = pw.DateTimeField(null=True)
        card = pw.ForeignKeyField(column_name="card_id", field="id", model=migrator.orm["card"], null=True)

        class Meta:
            table_name = "card_request"

    @migrator.create_model
    class ChangeRequest(pw.Model):
        id = pw.AutoField()
        created_at = pw.DateTimeField()
        kind = pw.CharField(max_length=255)
        worker = pw.ForeignKeyField(
            column_name="worker_id", field="id", model=migrator.orm["worker"], null=True, on_delete="CASCADE"
        )
        company = pw.ForeignKeyField(
            column_name="company_id", field="id", model=migrator.orm["company"], null=True, on_delete="CASCADE"
        )
        requested_by = pw.ForeignKeyField(column_name="requested_by_id", field="id", model=migrator.orm["account"])
        changes = pw.TextField()
        status = pw.CharField(default="submitted", max_length=255)
        reviewer = pw.ForeignKeyField(column_name="reviewer_id", field="id", model=migrator.orm["account"], null=True)
        reviewer_note = pw.TextField(default="")
        decided_at = pw.DateTimeField(null=True)

        class Meta:
            table_name = "change_request"

    @migrator.create_model
    class Correction(pw.Model):
        id = pw.AutoField()
        created_at = pw.DateTimeField()
        application = pw.ForeignKeyField(
            column_name="application_id", field="id", model=migrator.orm["application"], on_delete="CASCADE"
        )
        round = pw.IntegerField()
        field = pw.CharField(max_length=255)
        old_value = pw.TextField()
        new_value = pw.TextField()
        comment = pw.TextField()
        reviewer = pw.ForeignKeyField(column_name="reviewer_id", field="id", model=migrator.orm["account"])

        class Meta:
            table_name = "correction"

    @migrator.create_model
    class Deficiency(pw.Model):
        id = pw.AutoField()
        created_at = pw.DateTimeField()
        application = pw.ForeignKeyField(
            column_name="application_id", field="id", model=migrator.orm["application"], on_delete="CASCADE"
        )
        round = pw.IntegerField()
        field = pw.CharField(max_length=255)
        message = pw.TextField()
        resolved_at = pw.DateTimeField(null=True)

        class Meta:
            table_name = "deficiency"

    @migrator.create_model
    class Education(pw.Model):
        id = pw.AutoField()
        created_at = pw.DateTimeField()
        worker = pw.ForeignKeyField(
            column_name="worker_id", field="id", model=migrator.orm["worker"], on_delete="CASCADE"
        )
        school = pw.CharField(max_length=255)
        department = pw.CharField(default="", max_length=255)
        graduated_on = pw.DateField(null=True)

        class Meta:
            table_name = "education"

    @migrator.create_model
    class FeeSchedule(pw.Model):
        id = pw.AutoField()
        created_at = pw.DateTimeField()
        scheme = pw.CharField(max_length=255)
        item = pw.CharField(max_length=255)
        tier_from = pw.BigIntegerField(default=0)
        amount = pw.IntegerField()
        effective_from = pw.DateField(null=True)
        effective_to = pw.DateField(null=True)

        class Meta:
            table_name = "fee_schedule"
            indexes = [(("scheme", "item", "tier_from"), True)]

    @migrator.create_model
    class Inquiry(pw.Model):
        id = pw.AutoField()
        created_at = pw.DateTimeField()
        category = pw.CharField(max_length=255)
        name = pw.CharField(max_length=255)
        email = pw.CharField(max_length=255)
        phone = pw.CharField(default="", max_length=255)
        subject = pw.CharField(default="", max_length=255)
        body = pw.TextField()
        status = pw.CharField(default="open", max_length=255)

        class Meta:
            table_name = "inquiry"

    @migrator.create_model
    class Invoice(pw.Model):
        id = pw.AutoField()
        created_at = pw.DateTimeField()
        purpose = pw.CharField(max_length=255)
        payer = pw.ForeignKeyField(column_name="payer_id", field="id", model=migrator.orm["account"])
        application_ref = pw.IntegerField(index=True, null=True)
        card_request_ref = pw.IntegerField(index=True, null=True)
        company_ref = pw.IntegerField(index=True, null=True)
        amount = pw.IntegerField()
        scheme = pw.CharField(default="", max_length=255)
        method = pw.CharField(default="", max_length=255)
        reference = pw.CharField(max_length=255, unique=True)
        issued_on = pw.DateField()
        due_on = pw.DateField()
        status = pw.CharField(default="open", max_length=255)
        paid_at = pw.DateTimeField(null=True)
        recorded_by = pw.ForeignKeyField(
            column_name="recorded_by_id", field="id", model=migrator.orm["account"], null=True
        )
        receipt_number = pw.CharField(max_length=255, null=True, unique=True)

        class Meta:
            table_name = "invoice"

    @migrator.create_model
    class LinkRequest(pw.Model):
        id = pw.AutoField()
        created_at = pw.DateTimeField()
        worker = pw.ForeignKeyField(
            column_name="worker_id", field="id", model=migrator.orm["worker"], on_delete="CASCADE"
        )
        company = pw.ForeignKeyField(
            column_name="company_id", field="id", model=migrator.orm["company"], on_delete="CASCADE"
        )
        proposed_by = pw.CharField(max_length=255)
        is_main = pw.CharField(default="other", max_length=255)
        status = pw.CharField(default="pending", max_length=255)
        decided_at = pw.DateTimeField(null=True)

        class Meta:
            table_name = "link_request"

    @migrator.create_model
    class NoticeLog(pw.Model):
        id = pw.AutoField()
        created_at = pw.DateTimeField()
        kind = pw.CharField(max_length=255)
        subject_ref = pw.CharField(max_length=255)
        account = pw.ForeignKeyField(column_name="account_id", field="id", model=migrator.orm["account"], null=True)
        sent_on = pw.DateField()

        class Meta:
            table_name = "notice_log"
            indexes = [(("kind", "subject_ref"), True)]

    @migrator.create_model
    class Qualification(pw.Model):
        id = pw.AutoField()
        created_at = pw.DateTimeField()
        worker = pw.ForeignKeyField(
            column_name="worker_id", field="id", model=migrator.orm["worker"], on_delete="CASCADE"
        )
        kind = pw.CharField(max_length=255)
        name = pw.CharField(max_length=255)
        number = pw.CharField(default="", max_length=255)
        acquired_on = pw.DateField(null=True)
        name_on_certificate = pw.CharField(default="", max_length=255)

        class Meta:
            table_name = "qualification"

    @migrator.create_model
    class Training(pw.Model):
        id = pw.AutoField()
        created_at = pw.DateTimeField()
        worker = pw.ForeignKeyField(
            column_name="worker_id", field="id", model=migrator.orm["worker"], on_delete="CASCADE"
        )
        name = pw.CharField(max_length=255)
        completed_on = pw.DateField(null=True)

        class Meta:
            table_name = "training"

    @migrator.create_model
    class WorkerTrade(pw.Model):
        id = pw.AutoField()
        created_at = pw.DateTimeField()
        worker = pw.ForeignKeyField(
            column_name="worker_id", field="id", model=migrator.orm["worker"], on_delete="CASCADE"
        )
        trade = pw.CharField(max_length=255)
        experience_years = pw.IntegerField(default=0)

        class Meta:
            table_name = "worker_trade"


def rollback(migrator: Migrator, database: pw.Database, *, fake=False):

    migrator.remove_fields("card", "mailed_on", "print_alias")

    migrator.drop_index("application", "partner")

    migrator.remove_fields("application", "channel", "round", "fee_amount", "fee_scheme", "partner")

    migrator.add_not_null("application", "submitted_at")

    migrator.remove_fields("affiliation", "is_secondment", "started_on", "end_reason")

    migrator.remove_fields(
        "company",
        "name_kana",
        "email",
        "employee_count",
        "has_licence",
        "licence_authority",
        "licence_kind",
        "licence_number",
        "licence_trades",
        "alt_document",
        "alt_document_date",
        "officer_name",
        "officer_postal_code",
        "officer_address",
        "officer_phone",
        "officer_email",
        "health_insurance",
        "pension",
        "employment_insurance",
        "employment_insurance_number",
        "rousai_special",
        "rousai_number",
    )

    migrator.remove_fields(
        "worker",
        "no_kana_on_document",
        "alias_name",
        "print_alias",
        "address_from_licence_back",
        "email",
        "blood_type",
        "emergency_name",
        "emergency_relation",
        "emergency_phone",
        "experience_years",
        "registration_type",
        "id_document",
        "health_insurance",
        "pension",
        "employment_insurance",
        "kentaikyo_number",
        "chutaikyo",
        "health_check_date",
        "last_used_at",
    )

    migrator.remove_fields("account", "must_change_password", "deactivated_at")

    migrator.remove_model("worker_trade")

    migrator.remove_model("training")

    migrator.remove_model("qualification")

    migrator.remove_model("notice_log")

    migrator.remove_model("link_request")

    migrator.remove_model("invoice")

    migrator.remove_model("inquiry")

    migrator.remove_model("fee_schedule")

    migrator.remove_model("education")

    migrator.remove_model("deficiency")

    migrator.remove_model("correction")

    migrator.remove_model("change_request")

    migrator.remove_model("card_request")

    migrator.remove_model("award")

    migrator.remove_model("attachment")

    migrator.remove_model("application_event")
