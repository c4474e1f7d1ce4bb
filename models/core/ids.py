"""14-digit public IDs (技能者ID, 事業者ID, 現場ID): a kind digit, a 12-digit sequence, a Luhn digit."""

from peewee import CharField, IntegerField

from extensions import db
from models.core.base import BaseModel
from models.core.numbers import is_digits

KIND_PREFIX = {"worker": "1", "company": "2", "site": "3"}


class IdSequence(BaseModel):
    kind = CharField(unique=True)
    last = IntegerField(default=0)


def luhn_digit(body: str) -> str:
    total = 0
    for i, ch in enumerate(reversed(body)):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return str((10 - total % 10) % 10)


def is_valid_id(value: str) -> bool:
    """True for a well-formed 14-digit ID whose last digit checks out."""
    value = (value or "").strip()
    return len(value) == 14 and is_digits(value) and luhn_digit(value[:-1]) == value[-1]


def normalize_id(value: str) -> str:
    """Accept IDs typed with spaces, hyphens or full-width digits."""
    import unicodedata

    value = unicodedata.normalize("NFKC", value or "")
    return "".join(ch for ch in value if is_digits(ch))


def next_number(sequence: str) -> int:
    """The next number of a named sequence (1, 2, …); never reused."""
    with db.atomic():
        seq, _ = IdSequence.get_or_create(kind=sequence)
        IdSequence.update(last=IdSequence.last + 1).where(IdSequence.id == seq.id).execute()
        return IdSequence.get_by_id(seq.id).last


def issue_id(kind: str) -> str:
    """Next ID of a kind; never reused. Call inside a transaction."""
    body = KIND_PREFIX[kind] + f"{next_number(kind):012d}"
    return body + luhn_digit(body)
