"""How long a card is valid: the one rule, by the fee scheme in force (DOMAIN §3, CareerUp decisions)."""

import datetime as dt

from models.accounts.worker_rules import identity_document_submitted
from models.billing.fees import SEED_SCHEME


def add_years(day, years):
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def age_on(birth_date, day):
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))


def card_valid_until(issued_on, has_identity_document, scheme=SEED_SCHEME, birth_date=None):
    """The one validity rule; the last day the card is valid.
    Seed scheme (Q6-1): 10 years, 3 when no identity document was submitted.
    Current scheme (DOMAIN §3): to the first birthday after 9 years from issue; 14 years when the
    applicant is 60 or over on the issue date; 2 years without an identity document."""
    if scheme == SEED_SCHEME:
        return add_years(issued_on, 10 if has_identity_document else 3) - dt.timedelta(days=1)
    if not has_identity_document:
        return add_years(issued_on, 2) - dt.timedelta(days=1)
    if birth_date is None:
        raise ValueError("the current scheme needs the birth date")
    if age_on(birth_date, issued_on) >= 60:
        return add_years(issued_on, 14) - dt.timedelta(days=1)
    nine = add_years(issued_on, 9)
    birthday = add_years(birth_date, nine.year - birth_date.year)
    if birthday <= nine:
        birthday = add_years(birth_date, nine.year + 1 - birth_date.year)
    return birthday


def valid_until_for(worker, issued_on, scheme=SEED_SCHEME):
    """The validity of a card issued to `worker` on `issued_on` (short when no identity document was submitted)."""
    return card_valid_until(issued_on, identity_document_submitted(worker.id_document), scheme, worker.birth_date)
