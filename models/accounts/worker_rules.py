"""Rules of a worker's registration data that span fields: the forms, the completeness check before
submission and the reviewer's screens all ask these, so each rule is written once."""

import re
import unicodedata

from models.accounts.workers import JAPAN, Affiliation
from models.core import codes


def _plain(value):
    return unicodedata.normalize("NFKC", value or "").strip()


def is_japanese(nationality):
    return _plain(nationality) in JAPAN


def kana_required(nationality, no_kana_on_document):
    """Seed Q5-14: furigana may be left out only by a foreign national whose document has none."""
    return is_japanese(nationality) or not no_kana_on_document


def normalize_kentaikyo(value):
    """Seed Q1-9: the 建退共 被共済者番号 is entered as its 9 digits, leading zeros included.
    Full-width digits, spaces and hyphens are accepted. Returns (stored text, error code or None)."""
    text = re.sub(r"[\s\-‐ー－]", "", _plain(value))
    if not text:
        return "", None
    if not re.fullmatch(r"\d{9}", text):
        return text, "length"
    return text, None


def _squash(value):
    return re.sub(r"\s+", "", _plain(value))


def certificate_name_matches(worker, name_on_certificate):
    """A certificate issued under the current name or the registered 旧姓・通称 (alone or with the
    given name, seed Q5-9) needs no further explanation."""
    typed = _squash(name_on_certificate)
    if not typed:
        return True
    alias = _squash(worker.alias_name)
    known = {_squash(worker.full_name), _squash(worker.family_name + worker.given_name + worker.middle_name)}
    if alias:
        known |= {alias, alias + _squash(worker.given_name), alias + _squash(worker.given_name + worker.middle_name)}
    return typed in known


def certificate_name_ok(worker, name_on_certificate, note):
    """Seed Q1-18/Q5-9: a certificate in another name is accepted when that name is the registered
    旧姓・通称, or when the applicant explains the difference."""
    return certificate_name_matches(worker, name_on_certificate) or bool(_plain(note))


def back_image_needed(worker):
    """The second image: the licence's back when its address is used (Q5-10), the 住民票 with a passport,
    the back of a 在留カード (address changes and 資格外活動許可 are written there)."""
    return worker.address_from_licence_back or worker.id_document in ("passport", "residence_card")


def licence_back_conflict(worker):
    """The address on the back of a driving licence needs the driving licence as identity document."""
    return worker.address_from_licence_back and worker.id_document not in ("", "driving_licence")


def counter_only(id_document):
    """Seed Q4-6/Q5-2: a document without a photo (or none) needs the face checked at a counter."""
    return id_document in codes.COUNTER_ONLY_ID_DOCUMENTS


def identity_document_submitted(id_document):
    """DOMAIN §3: the card's short validity applies when no identity document was submitted."""
    return id_document != "none"


def own_worker(company):
    """The one-person operator behind a company (its main affiliation), or None."""
    if company.entity_type != "one_person":
        return None
    row = Affiliation.get_or_none((Affiliation.company == company) & (Affiliation.is_main == True))  # noqa: E712
    return row.worker if row is not None else None


def company_kana_required(company):
    """Seed Q5-14 applied to the company: a foreign one-person operator whose document has no
    furigana has no reading of their name, so their company's 商号フリガナ may be left out."""
    worker = own_worker(company)
    return worker is None or kana_required(worker.nationality, worker.no_kana_on_document)
