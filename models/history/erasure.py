"""個人データの消去 (erasure on request, 個人情報保護法): staff erase a person's personal data while what
law or other parties need stays, pseudonymised. Kept: the worker row under its 技能者ID with the name
replaced (the days worked are other companies' records too: work records, touches, rosters), invoices
and payments (kept for their retention period; they name the account, whose name and address go),
card rows (numbers only). Gone: names, kana, alias, birth date, address, phone, e-mail, emergency
contact, ID document, photos and documents (attachments), qualifications, training, awards, schools,
career summaries, cached site documents that print the name, the mail to the person, and every other
text that quotes the name, address or e-mail (mail bodies, audit values, notes, inquiries)."""

import datetime as dt

from peewee import CharField, TextField, fn

from extensions import db
from models.accounts import audit
from models.accounts.accounts import Account
from models.accounts.workers import Award, Education, Qualification, Training, Worker
from models.core.clock import utcnow
from models.core.errors import DomainError
from models.core.outbox import OutboxMail
from models.core.sealed import SealedField
from models.history.career import CareerSummary
from models.registration.attachments import Attachment
from models.registration.changes import ChangeRequest
from models.sites.documents import SiteDocument
from models.sites.sites import RosterEntry

ERASED = "（消去済み）"
PLACEHOLDER_BIRTH_DATE = dt.date(1900, 1, 1)  # the column is required; the real date is personal
# Columns that hold no quotable text (hashes, codes, encrypted values) and are left to their own rules.
_NOT_TEXT = {"password_hash", "token_hash", "sha256", "digest", "session_nonce"}


class ErasureError(DomainError):
    pass


def find_person(text):
    """(account, worker) for an e-mail address or a 技能者ID, either may be None; (None, None) when
    nothing matches."""
    text = (text or "").strip()
    if not text:
        return None, None
    if "@" in text:
        account = Account.get_or_none(Account.email == text.lower()) or Account.get_or_none(Account.email == text)
        worker = Worker.get_or_none(Worker.account == account) if account else None
        worker = worker or Worker.get_or_none(Worker.email == text)
    else:
        worker = Worker.get_or_none(Worker.worker_id == text.replace("-", "").replace(" ", ""))
        account = worker.account if worker is not None and worker.account_id else None
    if worker is not None and account is None and worker.account_id:
        account = worker.account
    return account, worker


def _needles(account, worker):
    """The texts that identify the person wherever they are quoted (never a family name alone)."""
    found = set()
    if worker is not None:
        for family, given in ((worker.family_name, worker.given_name), (worker.family_kana, worker.given_kana)):
            if family and given:
                found |= {f"{family}{given}", f"{family} {given}", f"{family}\u3000{given}"}
        if worker.alias_name and len(worker.alias_name) > 2:
            found.add(worker.alias_name)
        found |= {v for v in (worker.email, worker.address, worker.phone, worker.emergency_phone) if len(v) >= 6}
    if account is not None:
        found.add(account.email)
        if len(account.display_name) > 2:
            found.add(account.display_name)
    return sorted(found - {"", ERASED}, key=len, reverse=True)  # longest first: a name inside an address


def _text_columns(models):
    for model in models:
        for field in model._meta.sorted_fields:
            text = isinstance(field, (CharField, TextField)) and not isinstance(field, SealedField)
            if text and field.name not in _NOT_TEXT and not field.unique:
                yield model, field


def _redact_everywhere(models, needles):
    """Every text column that quotes the person: the quote replaced (one UPDATE per column and text)."""
    for model, field in _text_columns(models):
        for needle in needles:
            model.update({field: fn.REPLACE(field, needle, ERASED)}).where(field.contains(needle)).execute()


def erase_person(staff, account=None, worker=None, note=""):
    """Erases the person's personal data; returns the audit entry that says who did it and when."""
    from models import ALL_MODELS

    if account is None and worker is None:
        raise ErasureError("no_person")
    if (worker is not None and worker.family_name == ERASED) or (
        account is not None and account.display_name == ERASED
    ):
        raise ErasureError("already_erased")
    if account is not None and account.id == staff.id:
        raise ErasureError("own_account")
    with db.atomic():
        needles = _needles(account, worker)
        addresses = [a for a in {account.email if account else "", worker.email if worker else ""} if a]
        OutboxMail.delete().where(OutboxMail.to.in_(addresses)).execute()
        if worker is not None:
            sites = RosterEntry.select(RosterEntry.site).where(RosterEntry.worker == worker)
            SiteDocument.delete().where(SiteDocument.site.in_(sites)).execute()  # rebuilt on request
            for model in (Attachment, Qualification, Training, Award, Education, CareerSummary):
                model.delete().where(model.worker == worker).execute()
            ChangeRequest.update(changes="{}").where(ChangeRequest.worker == worker).execute()
        _redact_everywhere([m for m in ALL_MODELS if m.__name__ != "Company"], needles)
        if worker is not None:
            Worker.update(
                family_name=ERASED,
                given_name=f"#{worker.id}",
                middle_name="",
                family_kana="",
                given_kana="",
                alias_name="",
                print_alias=False,
                birth_date=PLACEHOLDER_BIRTH_DATE,
                gender="",
                nationality="",
                postal_code="",
                address="",
                phone="",
                email="",
                blood_type="",
                emergency_name="",
                emergency_relation="",
                emergency_phone="",
                id_document="",
                kentaikyo_number="",
                account=None,
                status="deactivated",
            ).where(Worker.id == worker.id).execute()
            audit.AuditEntry.update(before="{}", after="{}", subject_name=ERASED).where(
                (audit.AuditEntry.subject_kind == "worker") & (audit.AuditEntry.subject_id == worker.id)
            ).execute()
        if account is not None:
            Account.update(
                email=f"erased-{account.id}@erased.invalid",
                display_name=ERASED,
                password_hash="!",  # no password opens it
                deactivated_at=utcnow(),
                session_version=Account.session_version + 1,  # every open session ends
                password_version=Account.password_version + 1,  # every mailed link ends
            ).where(Account.id == account.id).execute()
            audit.AuditEntry.update(actor_name=ERASED).where(audit.AuditEntry.actor == account).execute()
        subject = Worker.get_by_id(worker.id) if worker is not None else Account.get_by_id(account.id)
        return audit.record(subject, "erased", staff, note=note)
