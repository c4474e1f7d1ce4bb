"""A real CCUS 技能者ID or 事業者ID that a worker or company already holds, kept as an external
reference (DOMAIN decisions): CareerUp's own IDs carry a check digit that real ones need not, so a
real ID is never read as CareerUp's own; it is shown, searchable and exported beside it."""

import re
import unicodedata

from models.core.errors import DomainError

CCUS_ID_DIGITS = 14


class ExternalIdError(DomainError):
    """code: format"""


def normalize_ccus_ref(text):
    """The 14 digits of a typed CCUS ID (full-width digits, spaces and hyphens allowed); "" clears it."""
    digits = re.sub(r"[\s\-‐－ー]", "", unicodedata.normalize("NFKC", text or ""))
    if digits and not (digits.isdigit() and len(digits) == CCUS_ID_DIGITS):
        raise ExternalIdError("format")
    return digits


def record_ccus_ref(subject, text):
    """Keeps `subject`'s (a Worker or Company) real CCUS ID as typed; returns the stored digits."""
    subject.ccus_ref = normalize_ccus_ref(text)
    type(subject).update(ccus_ref=subject.ccus_ref).where(type(subject).id == subject.id).execute()
    return subject.ccus_ref
