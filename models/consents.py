"""The applicant's agreement to 個人情報の取扱い and 利用規約 (guidance Section 3), given online before
submitting: which version of each text, when, by which account, for which application."""

from peewee import CharField, DateTimeField, ForeignKeyField

from extensions import db
from models.accounts import Account
from models.applications import Application
from models.base import BaseModel
from models.clock import utcnow
from models.errors import DomainError

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
    if set(VERSIONS) - set(agreed):
        raise ConsentError("missing")
    now = utcnow()
    with db.atomic():
        for application in applications:
            for document, version in VERSIONS.items():
                Consent.create(
                    account=account, application=application, document=document, version=version, agreed_at=now
                )


def consents_of(application):
    return list(Consent.select().where(Consent.application == application).order_by(Consent.id))
