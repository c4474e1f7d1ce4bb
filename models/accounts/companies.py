"""事業者 (companies), the tenants, and the rules of their registration data."""

import re

from peewee import BigIntegerField, BooleanField, CharField, DateField, IntegerField

from models.core.base import BaseModel
from models.core.clock import today as japan_today

EMPLOYMENT_INSURANCE_PARTS = (("prefecture", 2), ("jurisdiction_kind", 1), ("office", 2), ("core", 6), ("branch", 3))
# 労災保険 special enrolment (特別加入, 労災法33-36条): the same layout with a 5-digit 枝番号 (seed Q5-12).
ROUSAI_SPECIAL_PARTS = EMPLOYMENT_INSURANCE_PARTS[:-1] + (("branch", 5),)


def _split_digits(value, layout):
    """{part: digits} when `value` (spaces and hyphens allowed) has exactly the layout's digits."""
    digits = re.sub(r"[\s\-‐ー－]", "", value or "")
    if not re.fullmatch(r"\d{%d}" % sum(width for _name, width in layout), digits):
        return None
    parts, i = {}, 0
    for name, width in layout:
        parts[name], i = digits[i : i + width], i + width
    return parts


def split_employment_insurance_number(value):
    """Seed Q4-8: 府県2・所掌1・管轄2・基幹番号6・枝番号3 = 14 digits; 所掌 must be 3.
    Returns (parts dict, error code or None)."""
    parts = _split_digits(value, EMPLOYMENT_INSURANCE_PARTS)
    if parts is None:
        return None, "length"
    if parts["jurisdiction_kind"] != "3":
        return parts, "jurisdiction"
    if not 1 <= int(parts["prefecture"]) <= 47:
        return parts, "prefecture"
    return parts, None


def split_rousai_special_number(value):
    """Seed Q4-7/Q5-12: a special enrollee's 労災保険番号, 府県2・所掌1・管轄2・基幹番号6・枝番号5 = 16 digits.
    Returns (parts dict, error code or None)."""
    parts = _split_digits(value, ROUSAI_SPECIAL_PARTS)
    if parts is None:
        return None, "length"
    if not 1 <= int(parts["prefecture"]) <= 47:
        return parts, "prefecture"
    return parts, None


def alt_document_is_recent(certificate_date, today):
    """Seed Q4-5: without a licence, the substitute document must be dated within one year."""
    try:
        one_year_ago = today.replace(year=today.year - 1)
    except ValueError:
        one_year_ago = today.replace(year=today.year - 1, day=28)
    return certificate_date is not None and one_year_ago <= certificate_date <= today


class Company(BaseModel):
    business_id = CharField(null=True, unique=True)  # 事業者ID, issued on approval
    ccus_ref = CharField(default="", index=True)  # a real CCUS 事業者ID already held (external_ids.py)
    entity_type = CharField()  # 法人・個人区分: corporation / sole / one_person
    name = CharField()  # 商号, set by set_names: a sole trader without one uses the representative's name
    name_kana = CharField(default="")
    trade_name_given = CharField(default="")  # what the applicant typed as 商号, if anything
    representative_name = CharField()
    postal_code = CharField(default="")
    address = CharField()
    phone = CharField()
    email = CharField(default="")
    capital = BigIntegerField(default=0)  # 資本金 (yen)
    employee_count = IntegerField(default=0)
    # 建設業許可
    has_licence = BooleanField(default=False)
    licence_authority = CharField(default="")  # LICENCE_AUTHORITIES code
    licence_kind = CharField(default="")  # general / special (般/特)
    licence_number = CharField(default="")
    licence_trades = CharField(default="")  # comma-separated LICENCE_TRADES codes
    alt_document = CharField(default="")  # ALT_DOCUMENTS code, without a licence
    alt_document_date = DateField(null=True)
    # 登録責任者: the fee slip goes to this address (seed Q1-4)
    officer_name = CharField(default="")
    officer_postal_code = CharField(default="")
    officer_address = CharField(default="")
    officer_phone = CharField(default="")
    officer_email = CharField(default="")
    # 社会保険
    health_insurance = CharField(default="")  # INSURANCE_STATUSES code
    pension = CharField(default="")
    employment_insurance = CharField(default="")
    employment_insurance_number = CharField(default="")  # 14 digits (Q4-8)
    rousai_special = BooleanField(default=False)  # 労災保険 特別加入 (労災法33-36条)
    rousai_number = CharField(default="")  # only for special enrollees (Q4-7)
    status = CharField(default="pending")  # pending / approved
    kentaikyo_contract_number = CharField(default="")  # 建退共 共済契約者番号 (Q8-6), digits
    registration_paid_on = DateField(null=True)  # 事業者登録料 paid: the 事業者ID becomes usable (DOMAIN §4)
    registration_valid_until = DateField(null=True)  # 事業者登録の有効期間 (5 years, DOMAIN §3); renewal extends it

    @property
    def approved(self):
        return self.status == "approved" and bool(self.business_id)

    @property
    def unusable_reason(self):
        """Why the 事業者ID may not open sites, invite or be invited, keep rosters or file proxy
        applications: "fee_unpaid" (not approved or its registration fee not paid), "expired" (its
        registration validity ran out, until renewed), or None when it may."""
        if not self.approved or self.registration_paid_on is None:
            return "fee_unpaid"
        if self.registration_expired:
            return "expired"
        return None

    @property
    def registration_expired(self):
        return self.registration_valid_until is not None and self.registration_valid_until < japan_today()

    @property
    def usable(self):
        return self.unusable_reason is None

    @property
    def licence_trade_codes(self):
        return [c for c in self.licence_trades.split(",") if c]

    @classmethod
    def by_business_id(cls, business_id):
        return cls.get_or_none((cls.business_id == business_id) & (cls.status == "approved"))

    def set_names(self, trade_name=None, representative_name=None):
        """Seed Q4-5: the 商号 is the one given or, with none (a sole trader without 屋号), the
        representative's name. Every writer of either goes through here (applications, the one-person
        flow, change applications, 補記), so a new representative renames a company that gave none."""
        if trade_name is not None:
            self.trade_name_given = trade_name.strip()
        if representative_name is not None:
            self.representative_name = representative_name
        self.name = self.trade_name_given or self.representative_name.strip()

    def fee_notice_address(self):
        """Where the fee slip is posted: the registration officer's address (seed Q1-4)."""
        return (
            self.officer_name or self.representative_name,
            f"{self.officer_postal_code or self.postal_code} {self.officer_address or self.address}".strip(),
        )
