"""窓口申請: a worker application taken at a counter (or on paper) by registration staff (seed Q4-6/Q5-2).
A document without a photo is accepted only here, after staff checked the face against it; the
application goes into the review queue as the paper channel (DOMAIN §3: its fee, 3,500 yen under the
seed's scheme), and the check is recorded with who made it."""

from peewee import BooleanField, CharField, ForeignKeyField, TextField

from extensions import db
from models.accounts.accounts import Account
from models.accounts.employers import EmployerError, name_employer
from models.accounts.workers import Worker, WorkerTrade
from models.core.base import BaseModel
from models.core.errors import DomainError
from models.registration.applications import Application
from models.registration.attachments import Attachment, AttachmentError


class CounterError(DomainError):
    """What stops a counter application, and `part`, the input it is about: missing (face_checked: a
    document without a photo needs the face checked; face_photo / id_document: the file the card or the
    review needs), employer (employer_id names no registered company), or an AttachmentError code for
    the file `part`."""

    def __init__(self, code, part):
        super().__init__(code, part)
        self.part = part


class CounterIntake(BaseModel):
    """The counter's record of one application: where, which document, whether the face was checked, by whom."""

    application = ForeignKeyField(Application, unique=True, backref="counter_rows", on_delete="CASCADE")
    office = CharField()  # the counter (認定登録機関) that took it
    id_document = CharField()  # ID_DOCUMENTS code, as seen at the counter
    face_checked = BooleanField(default=False)  # the face was compared with the document (or the person)
    checked_by = ForeignKeyField(Account)
    note = TextField(default="")

    @classmethod
    def of(cls, application):
        return cls.get_or_none(cls.application == application)


def take_counter_application(staff, office, values, face_checked, files, employer_id="", note=""):
    """Registers and submits the paper-channel application. `values` are the worker's fields (id_document
    among them); `files` {purpose: (data, filename)}. Raises CounterError; nothing is stored then."""
    id_document = values["id_document"]
    if id_document == "no_photo" and not face_checked:
        raise CounterError("missing", "face_checked")
    if "face_photo" not in files:
        raise CounterError("missing", "face_photo")
    if id_document != "none" and "id_document" not in files:
        raise CounterError("missing", "id_document")
    with db.atomic():
        # Paper applications are 詳細型 (DOMAIN §3); the slip goes to the address given (Q1-4).
        worker = Worker.create(registration_type="detailed", **values)
        WorkerTrade.create(worker=worker, trade=worker.main_trade, experience_years=worker.experience_years or 0)
        if employer_id.strip():
            try:
                name_employer(worker, employer_id, "main")
            except EmployerError:
                raise CounterError("employer", "employer_id") from None
        for purpose, (data, filename) in files.items():
            try:
                Attachment.store(data, filename, purpose, worker=worker)
            except AttachmentError as exc:
                raise CounterError(exc.code, purpose) from None
        application = Application.create(
            kind="worker", applicant=staff, worker=worker, channel="paper", payment_method="konbini"
        )
        application.log("created", staff, note="counter")
        CounterIntake.create(
            application=application,
            office=office.strip(),
            id_document=id_document,
            face_checked=bool(face_checked),
            checked_by=staff,
            note=note.strip(),
        )
        application.submit(staff)
    return application
