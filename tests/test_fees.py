"""Every fee in DOMAIN.md §3, from the fee table, and the card validity rules of both schemes."""

import datetime as dt

import pytest

from models import Application, Card, Worker
from models.billing.fees import (
    CURRENT_SCHEME,
    SEED_SCHEME,
    FeeError,
    admin_id_fee,
    card_reissue_fee,
    company_registration_fee,
    put_in_force,
    scheme_on,
    site_usage_fee,
    worker_registration_fee,
)
from models.cards.validity import card_valid_until
from models.registration.settlement import settle
from tests import factories as f

DAY = dt.date(2026, 11, 25)
SWITCH = dt.date(2027, 4, 1)  # the day an operator puts the current scheme in force in these tests


def test_seed_scheme_is_in_force_from_april_2018_and_the_current_one_waits_for_a_date(app):
    assert scheme_on(dt.date(2018, 4, 1)) == SEED_SCHEME
    assert scheme_on(DAY) == SEED_SCHEME
    with pytest.raises(FeeError):
        scheme_on(dt.date(2018, 3, 31))


@pytest.mark.parametrize("channel, amount", [("internet", 2_500), ("paper", 3_500)])
def test_worker_fee_under_the_seed_scheme_by_channel(app, channel, amount):
    # seed Q6-1: internet 2,500 yen, postal or counter 3,500 yen, whatever the registration type
    for registration_type in ("basic", "detailed"):
        assert worker_registration_fee(DAY, channel, registration_type) == (amount, SEED_SCHEME)


@pytest.mark.parametrize(
    "registration_type, channel, amount",
    [
        ("basic", "internet", 2_500),  # 簡略型
        ("detailed", "internet", 4_900),  # 詳細型
        ("basic", "paper", 4_900),  # a 認定登録機関 takes 詳細型 only
    ],
)
def test_worker_fee_under_the_current_scheme_by_registration_type(app, registration_type, channel, amount):
    put_in_force(CURRENT_SCHEME, SWITCH)
    assert worker_registration_fee(SWITCH, channel, registration_type) == (amount, CURRENT_SCHEME)


def test_the_scheme_switches_on_its_effective_date(app):
    put_in_force(CURRENT_SCHEME, SWITCH)
    eve = SWITCH - dt.timedelta(days=1)
    assert worker_registration_fee(eve, "internet", "detailed") == (2_500, SEED_SCHEME)
    assert worker_registration_fee(SWITCH, "internet", "detailed") == (4_900, CURRENT_SCHEME)
    assert scheme_on(dt.date(2019, 1, 1)) == SEED_SCHEME  # history keeps its own scheme


@pytest.mark.parametrize(
    "capital, fee",
    [
        (0, 6_000),
        (4_999_999, 6_000),
        (5_000_000, 12_000),
        (9_999_999, 12_000),
        (10_000_000, 24_000),
        (19_999_999, 24_000),
        (20_000_000, 48_000),
        (49_999_999, 48_000),
        (50_000_000, 60_000),
        (99_999_999, 60_000),
        (100_000_000, 120_000),
        (299_999_999, 120_000),
        (300_000_000, 240_000),
        (999_999_999, 240_000),
        (1_000_000_000, 480_000),
        (4_999_999_999, 480_000),
        (5_000_000_000, 600_000),
        (9_999_999_999, 600_000),
        (10_000_000_000, 1_200_000),
        (49_999_999_999, 1_200_000),
        (50_000_000_000, 2_400_000),
        (1_000_000_000_000, 2_400_000),
    ],
)
def test_company_fee_by_capital_tier(app, capital, fee):
    assert company_registration_fee(DAY, "corporation", capital)[0] == fee


def test_one_person_operator_pays_no_company_fee_and_other_sole_traders_pay_6000(app):
    assert company_registration_fee(DAY, "one_person", 30_000_000)[0] == 0
    assert company_registration_fee(DAY, "sole", 0)[0] == 6_000
    assert company_registration_fee(DAY, "sole", None)[0] == 6_000


def test_admin_id_fee_per_id_per_year(app):
    assert admin_id_fee(DAY, "corporation")[0] == 11_400
    assert admin_id_fee(DAY, "corporation", ids=3, years=2)[0] == 68_400
    assert admin_id_fee(DAY, "one_person")[0] == 2_400


def test_reissue_and_site_fees(app):
    assert card_reissue_fee(DAY)[0] == 1_000
    assert site_usage_fee(DAY, 1)[0] == 10
    assert site_usage_fee(DAY, 123)[0] == 1_230


def test_fees_are_data_an_operator_changes_without_code(app):
    from models.billing.fees import FeeSchedule

    scheme_on(DAY)  # seeds the table
    FeeSchedule.update(amount=1_100).where(FeeSchedule.item == "card_reissue").execute()
    assert card_reissue_fee(DAY)[0] == 1_100


def _submitted_on(account, jst_noon):
    """Marks the account's applications as submitted at noon JST on a day (stored as UTC)."""
    Application.update(submitted_at=dt.datetime.combine(jst_noon, dt.time(3, 0))).where(
        Application.applicant == account
    ).execute()


def test_an_application_keeps_the_fee_in_force_on_its_submission_date(app):
    """Submitted the day before the switch and approved after it: the seed fee and validity; submitted
    on the switch date: the current ones."""
    put_in_force(CURRENT_SCHEME, SWITCH)
    before_account, _c, before_worker = f.one_person(approved=False)
    _submitted_on(before_account, SWITCH - dt.timedelta(days=1))
    after_account, _c2, after_worker = f.one_person(approved=False, family="佐藤", given="花子")
    _submitted_on(after_account, SWITCH)
    approve_day = SWITCH + dt.timedelta(days=10)
    reviewer = f.reviewer()
    for account in (before_account, after_account):
        for application in Application.of_applicant(account):
            settle(application.approve(reviewer, approve_day), None, approve_day)
    before = Application.get(applicant=before_account, kind="worker")
    after = Application.get(applicant=after_account, kind="worker")
    assert (before.fee_amount, before.fee_scheme) == (2_500, SEED_SCHEME)
    assert (after.fee_amount, after.fee_scheme) == (4_900, CURRENT_SCHEME)  # 詳細型
    assert before.invoice().amount == 2_500 and after.invoice().amount == 4_900
    # The card follows the same scheme: 10 years, or to the first birthday after 9 years (born 1 April).
    assert Card.current_for(Worker.get_by_id(before_worker.id)).valid_until == dt.date(2037, 4, 10)
    assert Card.current_for(Worker.get_by_id(after_worker.id)).valid_until == dt.date(2037, 4, 1)


# --- card validity ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "issued, photo, expected",
    [
        (dt.date(2026, 11, 25), True, dt.date(2036, 11, 24)),  # 10 years
        (dt.date(2026, 11, 25), False, dt.date(2029, 11, 24)),  # 3 years without an identity document
        (dt.date(2024, 2, 29), True, dt.date(2034, 2, 27)),  # a leap day
    ],
)
def test_card_validity_under_the_seed_scheme(issued, photo, expected):
    assert card_valid_until(issued, photo, SEED_SCHEME, dt.date(1985, 4, 1)) == expected


@pytest.mark.parametrize(
    "issued, birth, photo, expected",
    [
        # to the first birthday after 9 years from issue
        (dt.date(2026, 11, 25), dt.date(1985, 4, 1), True, dt.date(2036, 4, 1)),
        (dt.date(2026, 3, 1), dt.date(1985, 4, 1), True, dt.date(2035, 4, 1)),
        (dt.date(2026, 4, 1), dt.date(1985, 4, 1), True, dt.date(2036, 4, 1)),  # 9 years to the day is not "after"
        (dt.date(2026, 11, 25), dt.date(1988, 2, 29), True, dt.date(2036, 2, 29)),
        # 60 or over on the issue date: 14 years
        (dt.date(2026, 11, 25), dt.date(1966, 11, 25), True, dt.date(2040, 11, 24)),
        (dt.date(2026, 11, 25), dt.date(1966, 11, 26), True, dt.date(2035, 11, 26)),  # 59 for one more day
        # without an identity document: 2 years
        (dt.date(2026, 11, 25), dt.date(1985, 4, 1), False, dt.date(2028, 11, 24)),
        (dt.date(2026, 11, 25), dt.date(1950, 1, 1), False, dt.date(2028, 11, 24)),
    ],
)
def test_card_validity_under_the_current_scheme(issued, birth, photo, expected):
    assert card_valid_until(issued, photo, CURRENT_SCHEME, birth) == expected
