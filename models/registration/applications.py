"""Registration applications (申請): drafts, submission, deficiency returns (不備), reviewer
corrections (補記), approval with ID issue and the fee notice; every round is kept."""

import json
import re

from peewee import JOIN, CharField, DateTimeField, ForeignKeyField, IntegerField, TextField

from extensions import db
from models.accounts import audit
from models.accounts.accounts import Account, Membership
from models.accounts.companies import Company
from models.accounts.employers import start_named_affiliations
from models.accounts.workers import Affiliation, Worker
from models.billing.fees import SEED_SCHEME, company_registration_fee, worker_registration_fee
from models.billing.payments import Invoice
from models.billing.renewals import renewal_paid, valid_until_from
from models.cards.cards import Card, CardRequest
from models.core import codes
from models.core.base import BaseModel
from models.core.clock import jst_date, utcnow
from models.core.errors import DomainError
from models.core.ids import issue_id
from models.registration.attachments import Attachment
from models.registration.fields.sets import field_labels
from models.registration.fields.values import FieldValueError, coerce, display, store, to_text

EDITABLE = ("draft", "returned")


POSTAL_CODE = re.compile(r"\d{3}-?\d{4}")
BLOCK_NUMBER = re.compile(r"[0-9０-９一二三四五六七八九十〇]")  # an address reaches its 番地


class ApplicationError(DomainError):
    """code: the status that refused the step (draft / submitted / returned / approved), no_deficiencies,
    already_decided (another reviewer or a second click took it first) or slip_address (Q1-4)"""


class Application(BaseModel):
    kind = CharField()  # company / worker
    applicant = ForeignKeyField(Account, backref="applications")
    company = ForeignKeyField(Company, null=True, backref="applications")
    worker = ForeignKeyField(Worker, null=True, backref="applications")
    status = CharField(default="draft")  # draft / submitted / returned / approved
    channel = CharField(default="internet")  # internet / paper
    round = IntegerField(default=1)  # 1 on first submission, +1 on each resubmission
    submitted_at = DateTimeField(null=True)
    decided_at = DateTimeField(null=True)
    reviewer = ForeignKeyField(Account, null=True)
    fee_amount = IntegerField(null=True)
    fee_scheme = CharField(default="")
    partner = ForeignKeyField("self", null=True)  # the other half of a one-person operator's pair
    payment_method = CharField(default="")  # chosen on submission (guidance Section 5); the invoice starts with it

    @property
    def subject_name(self):
        return self.company.name if self.kind == "company" else self.worker.full_name

    @property
    def editable(self):
        return self.status in EDITABLE

    @classmethod
    def queue(cls, kind=None, status=None, older_than_days=None, now=None):
        """The reviewer's queue, oldest first; filters by type, status and age."""
        partner = cls.alias()
        query = (
            cls.select(cls, Company, Worker, partner)
            .join_from(cls, Company, JOIN.LEFT_OUTER, on=(cls.company == Company.id))
            .join_from(cls, Worker, JOIN.LEFT_OUTER, on=(cls.worker == Worker.id))
            .join_from(cls, partner, JOIN.LEFT_OUTER, on=(cls.partner == partner.id), attr="partner")
            .where(cls.status != "draft")
        )
        query = query.where(cls.status == status) if status else query.where(cls.status == "submitted")
        if kind:
            query = query.where(cls.kind == kind)
        if older_than_days:
            import datetime as dt

            query = query.where(cls.submitted_at <= (now or utcnow()) - dt.timedelta(days=older_than_days))
        return query.order_by(cls.submitted_at, cls.id)

    @classmethod
    def reviewable(cls):
        """Everything reviewers may open: all but the applicants' unsent drafts."""
        return cls.select().where(cls.status != "draft")

    @classmethod
    def of_applicant(cls, account):
        return cls.select().where(cls.applicant == account).order_by(cls.id)

    @classmethod
    def attachments_of_applicant(cls, account):
        """Files of the companies and workers `account` applied for: what an applicant may open."""
        mine = cls.select().where(cls.applicant == account)
        companies = mine.select(cls.company).where(cls.company.is_null(False))
        workers = mine.select(cls.worker).where(cls.worker.is_null(False))
        return Attachment.select().where(Attachment.company.in_(companies) | Attachment.worker.in_(workers))

    def log(self, action, actor=None, note=""):
        return ApplicationEvent.create(application=self, round=self.round, action=action, actor=actor, note=note)

    # --- applicant side -------------------------------------------------------------------
    def submit(self, actor=None, today=None, payment_method=None):
        """Draft → submitted, or returned → submitted as the next round (deficiencies resolved).
        `payment_method` (a PAYMENT_METHODS code) is how the applicant will pay the fee once approved."""
        if self.status not in EDITABLE:
            raise ApplicationError(self.status)
        if payment_method and payment_method not in dict(codes.choices(codes.PAYMENT_METHODS)):
            raise ApplicationError("method")
        with db.atomic():
            if payment_method:
                self.payment_method = payment_method
            if self.status == "returned":
                Deficiency.update(resolved_at=utcnow()).where(
                    (Deficiency.application == self) & (Deficiency.round == self.round)
                ).execute()
                self.round += 1
                action = "resubmitted"
            else:
                action = "submitted"
            self.status, self.submitted_at = "submitted", utcnow()
            self.save()
            self.log(action, actor)

    def open_deficiencies(self):
        """The fields the reviewer returned in the current round; only these are editable then."""
        if self.status != "returned":
            return []
        return list(
            Deficiency.select()
            .where((Deficiency.application == self) & (Deficiency.round == self.round))
            .order_by(Deficiency.id)
        )

    def returned_fields(self):
        return {d.field for d in self.open_deficiencies()}

    # --- reviewer side --------------------------------------------------------------------
    def return_with(self, reviewer, deficiencies):
        """Sends the application back with [(field, message)], one per deficient field."""
        if self.status != "submitted":
            raise ApplicationError(self.status)
        if not deficiencies:
            raise ApplicationError("no_deficiencies")
        with db.atomic():
            self._claim("returned")
            for field, message in deficiencies:
                Deficiency.create(application=self, round=self.round, field=field, message=message)
            self.status, self.reviewer = "returned", reviewer
            self.save()
            self.log("returned", reviewer, note=json.dumps([f for f, _ in deficiencies]))
            subject = self.company if self.kind == "company" else self.worker
            notes = "\n".join(f"{field}: {message}" for field, message in deficiencies)
            audit.decision(subject, "returned", reviewer, ("submitted", "returned"), notes)

    @property
    def correctable(self):
        """補記 is for postal and counter (paper) applications; an internet one goes back as 不備 (seed §補記)."""
        return self.channel != "internet"

    def correct(self, reviewer, field, new_value, comment):
        """補記: the reviewer sets a value to match the attachment and says why. `new_value` is text as
        typed (dates, あり/なし, codes or their labels are converted); raises FieldValueError with a code.
        Repeating the same correction (a double click) changes nothing and returns the first one."""
        if self.status != "submitted":
            raise FieldValueError("status")
        if not self.correctable:
            raise FieldValueError("internet")
        subject = self.company if self.kind == "company" else self.worker
        value = coerce(self.kind, field, new_value, subject)
        old_text, new_text = to_text(getattr(subject, field)), to_text(value)
        if old_text == new_text:
            last = (
                Correction.select()
                .where(
                    (Correction.application == self) & (Correction.round == self.round) & (Correction.field == field)
                )
                .order_by(Correction.id.desc())
                .first()
            )
            if last is not None and last.new_value == new_text:
                return last
            raise FieldValueError("unchanged")
        with db.atomic():
            store(subject, field, value)
            audit.save(subject, "corrected", reviewer, note=comment)
            correction = Correction.create(
                application=self,
                round=self.round,
                field=field,
                old_value=old_text,
                new_value=new_text,
                comment=comment,
                reviewer=reviewer,
            )
            self.log("corrected", reviewer, note=field)
        return correction

    def expected_fee(self):
        """(amount, scheme) of the registration fee, by the rules in force on the submission date."""
        day = jst_date(self.submitted_at or utcnow())
        if self.kind == "company":
            return company_registration_fee(day, self.company.entity_type, self.company.capital)
        return worker_registration_fee(day, self.channel, self.worker.registration_type)

    def fee_notice_address(self):
        """(name, address) the fee slip is posted to (seed Q1-4): a worker's card-delivery address,
        a company's registration officer."""
        if self.kind == "company":
            return self.company.fee_notice_address()
        worker = self.worker
        return worker.full_name, f"{worker.postal_code} {worker.address}".strip()

    def slip_address_complete(self):
        """Whether the fee slip can be delivered (seed Q1-4): a name, a 7-digit postal code and an
        address down to its 番地; an incomplete one is caught before approval sends the slip."""
        name, address = self.fee_notice_address()
        postal, _sep, rest = address.partition(" ")
        return bool(name.strip()) and bool(POSTAL_CODE.fullmatch(postal)) and bool(BLOCK_NUMBER.search(rest))

    def _claim(self, new_status):
        """Moves a submitted application on, once: a second click or reviewer finds it taken."""
        taken = (
            Application.update(status=new_status)
            .where((Application.id == self.id) & (Application.status == "submitted"))
            .execute()
        )
        if not taken:
            raise ApplicationError("already_decided")

    def approve(self, reviewer, today):
        """Issues the 事業者ID or 技能者ID and opens the registration-fee invoice (the fee notice).
        A worker's card is made once that invoice is paid (billing.settle)."""
        if self.status != "submitted":
            raise ApplicationError(self.status)
        if self.expected_fee()[0] and not self.slip_address_complete():
            raise ApplicationError("slip_address")
        with db.atomic():
            self._claim("approved")
            amount, scheme = self.expected_fee()
            if self.kind == "company":
                self.company.business_id = self.company.business_id or issue_id("company")
                self.company.status = "approved"
                audit.save(self.company, "approved", reviewer)
                purpose = "company_registration"
            else:
                self.worker.worker_id = self.worker.worker_id or issue_id("worker")
                self.worker.status = "approved"
                audit.save(self.worker, "approved", reviewer)
                start_named_affiliations(self.worker, today)  # the employers named in the application
                purpose = "worker_registration"
            self.status, self.reviewer, self.decided_at = "approved", reviewer, utcnow()
            self.fee_amount, self.fee_scheme = amount, scheme
            self.save()
            self.log("approved", reviewer)
            invoice = Invoice.open_for(purpose, self.applicant, amount, today, scheme, application_ref=self.id)
            if self.payment_method and not invoice.paid:
                invoice.choose_method(self.payment_method, today)
            if invoice.paid:
                after_payment(invoice, today)
        return invoice

    def invoice(self):
        return Invoice.select().where(Invoice.application_ref == self.id).order_by(Invoice.id.desc()).first()

    def history(self):
        return list(ApplicationEvent.select().where(ApplicationEvent.application == self).order_by(ApplicationEvent.id))

    def corrections(self):
        return list(Correction.select().where(Correction.application == self).order_by(Correction.id))

    def all_deficiencies(self):
        """Every round's deficiencies, oldest round first, with their resolved state."""
        return list(Deficiency.select().where(Deficiency.application == self).order_by(Deficiency.round, Deficiency.id))

    def attachments(self):
        if self.kind == "company":
            return list(Attachment.of_company(self.company))
        return list(Attachment.of_worker(self.worker))


class Deficiency(BaseModel):
    """不備: one deficient field in one round, with the reviewer's message."""

    application = ForeignKeyField(Application, backref="deficiencies", on_delete="CASCADE")
    round = IntegerField()
    field = CharField()  # the model attribute or attachment purpose ("attachment:id_document")
    message = TextField()
    resolved_at = DateTimeField(null=True)


class Correction(BaseModel):
    """補記: a reviewer's change to the applicant's value, shown to the applicant after approval."""

    application = ForeignKeyField(Application, backref="correction_rows", on_delete="CASCADE")
    round = IntegerField()
    field = CharField()
    old_value = TextField()
    new_value = TextField()
    comment = TextField()
    reviewer = ForeignKeyField(Account)

    def field_label(self):
        return field_labels(self.application.kind).get(self.field, self.field)

    @property
    def old_display(self):
        """The value before the correction, as people read it (code labels, dates) in the current language."""
        return display(self.application.kind, self.field, self.old_value)

    @property
    def new_display(self):
        return display(self.application.kind, self.field, self.new_value)


class ApplicationEvent(BaseModel):
    application = ForeignKeyField(Application, backref="events", on_delete="CASCADE")
    round = IntegerField()
    action = CharField()  # created / submitted / returned / resubmitted / corrected / approved / handed_over
    actor = ForeignKeyField(Account, null=True)
    note = TextField(default="")


def pair_adjacent(applications):
    """Puts the two halves of a one-person operator's pair next to each other, at the first one's place."""
    by_id = {a.id: a for a in applications}
    placed, result = set(), []
    for application in applications:
        if application.id in placed:
            continue
        result.append(application)
        placed.add(application.id)
        partner = by_id.get(application.partner_id)
        if partner is not None and partner.id not in placed:
            result.append(partner)
            placed.add(partner.id)
    return result


def attachments_under_review():
    """Attachments of companies and workers with an application reviewers may open."""
    reviewable = Application.reviewable()
    return Attachment.select().where(
        Attachment.company.in_(reviewable.select(Application.company).where(Application.company.is_null(False)))
        | Attachment.worker.in_(reviewable.select(Application.worker).where(Application.worker.is_null(False)))
    )


def after_payment(invoice, today):
    """What a paid invoice sets going: a worker's first card; a company's usable 事業者ID and its validity;
    a renewed card; a renewed company registration."""
    if invoice.purpose == "card_renewal" and invoice.card_request_ref:
        request = CardRequest.get_by_id(invoice.card_request_ref)
        if request.status == "awaiting_payment":
            request.advance("made", None, today)
    if invoice.purpose == "company_registration" and invoice.application_ref:
        company = Application.get_by_id(invoice.application_ref).company
        if company.registration_paid_on is None:
            company.registration_paid_on = invoice.paid_on or today
            company.registration_valid_until = valid_until_from(company.registration_paid_on)
            audit.save(company, "fee_paid", invoice.recorded_by)
    if invoice.purpose == "company_renewal" and invoice.company_ref:
        renewal_paid(invoice, today)
    if invoice.purpose == "worker_registration" and invoice.application_ref:
        application = Application.get_by_id(invoice.application_ref)
        if Card.current_for(application.worker) is None:
            Card.issue(application.worker, today, application.fee_scheme or SEED_SCHEME)


def apply_one_person_operator(account, company_data, worker_data, submit=True):
    """一人親方: one flow creates the company, the worker whose main affiliation it is (Q5-8),
    and both applications, paired so they are filed and reviewed together."""
    with db.atomic():
        company = Company(entity_type="one_person", **{k: v for k, v in company_data.items() if k != "trade_name"})
        company.set_names(trade_name=company_data.get("trade_name") or "")
        company.save()
        Membership.create(account=account, company=company, role="system_admin")
        worker = Worker.create(account=account, **worker_data)
        Affiliation.create(worker=worker, company=company, is_main=True)
        company_app = Application.create(kind="company", applicant=account, company=company)
        worker_app = Application.create(kind="worker", applicant=account, worker=worker, partner=company_app)
        company_app.partner = worker_app
        company_app.save()
        for application in (company_app, worker_app):
            application.log("created", account)
            if submit:
                application.submit(account)
    return company, worker
