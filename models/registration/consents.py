"""The applicant's agreement to 個人情報の取扱い and 利用規約 (guidance Section 3), given online before
submitting: which version of each text, when, by which account, for which application."""

from peewee import CharField, DateTimeField, ForeignKeyField

from extensions import db
from models.accounts.accounts import Account
from models.core.base import BaseModel
from models.core.clock import utcnow
from models.core.errors import DomainError
from models.registration.applications import Application
from models.registration.completeness import IncompleteError

# The texts in force (blank forms under /downloads); a new text gets a new version.
VERSIONS = {"privacy": "2019-05-22", "terms": "2019-05-22"}


class ConsentError(DomainError):
    """code: missing — submitted without agreeing to every text in VERSIONS"""


class Consent(BaseModel):
    account = ForeignKeyField(Account, backref="consents")
    application = ForeignKeyField(Application, backref="consents", on_delete="CASCADE")
    document = CharField()  # privacy / terms
    version = CharField()
    agreed_at = DateTimeField()


def record_consents(account, applications, agreed):
    """Records agreement to every text for each application; `agreed` is the set of documents ticked."""
    if applications and set(VERSIONS) - set(agreed):
        raise ConsentError("missing")
    now = utcnow()
    with db.atomic():
        for application in applications:
            for document, version in VERSIONS.items():
                Consent.create(
                    account=account, application=application, document=document, version=version, agreed_at=now
                )


def agreement_needed(application):
    """True until the applicant has agreed for this application (a resubmission is not asked again)."""
    return not Consent.select().where(Consent.application == application).exists()


def submit_agreed(account, applications, agreed, missing, submit):
    """The one rule of an applicant's own online submit: complete first (IncompleteError with `missing`),
    then agreed to every text for each of `applications` that has no agreement yet (ConsentError),
    then `submit()`; all or nothing. Proxy filings record the 代行申請同意書 instead (models/registration/proxy.py)."""
    if missing:
        raise IncompleteError(missing)
    with db.atomic():
        record_consents(account, [a for a in applications if agreement_needed(a)], agreed)
        return submit()


def consents_of(application):
    return list(Consent.select().where(Consent.application == application).order_by(Consent.id))
