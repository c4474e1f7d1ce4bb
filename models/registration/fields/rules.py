"""The value rules of every registration field, written once: how typed text is normalised into the
stored value and when it is refused. The application forms, the change forms and the reviewer's
corrections (補記) all call these, so a value one accepts the others accept and store identically,
and a value one refuses the others refuse with the same error code (the message lives with the forms,
blueprints/shared/fields.py)."""

import datetime as dt
import re
import unicodedata
from collections import namedtuple

from email_validator import EmailNotValidError, validate_email
from flask import g, has_app_context

from models.accounts.companies import Company, split_employment_insurance_number, split_rousai_special_number
from models.accounts.worker_rules import is_japanese, kana_required, normalize_kentaikyo
from models.accounts.workers import Worker
from models.core import codes
from models.core.clock import today
from models.core.errors import DomainError
from models.core.i18n import wordings
from models.core.numbers import NumberError, parse_int


class FieldValueError(DomainError):
    """code: a value rule's code (required, too_long, katakana, postal, phone, email, number, range, date,
    future, birth_date, too_young, code, bool, kentaikyo, employment_insurance_length / _jurisdiction /
    _prefecture, rousai_length / _prefecture, licence_number) or a correction's (unknown_field, status,
    unchanged)."""


# type: text / kana / postal / phone / email / number / date / bool / code / codes / and the numbers
# with a layout of their own (kentaikyo, employment_insurance, rousai, licence_number).
Rule = namedtuple("Rule", "type required max_length low high table", defaults=(False, None, None, None, None))


def _text(max_length, required=False):
    return Rule("text", required, max_length)


def _code(table, required=True):
    return Rule("code", required, table=table)


_INSURANCE = {n: _code(codes.INSURANCE_STATUSES) for n in ("health_insurance", "pension", "employment_insurance")}
RULES = {
    "worker": {
        "family_name": _text(50, True),
        "given_name": _text(50, True),
        "middle_name": _text(50),
        "family_kana": Rule("kana", max_length=50),
        "given_kana": Rule("kana", max_length=50),
        "no_kana_on_document": Rule("bool"),
        "alias_name": _text(50),
        "print_alias": Rule("bool"),
        "birth_date": Rule("date", True, low="birth"),
        "gender": _code(codes.GENDERS),
        "nationality": _text(50, True),
        "blood_type": _code(codes.BLOOD_TYPES),
        "postal_code": Rule("postal", True),
        "address": _text(200, True),
        "address_from_licence_back": Rule("bool"),
        "phone": Rule("phone", True),
        "email": Rule("email"),
        "emergency_name": _text(50),
        "emergency_relation": _text(20),
        "emergency_phone": Rule("phone"),
        "main_trade": _code(codes.TRADES),
        "trades": Rule("codes", table=codes.TRADES),
        "experience_years": Rule("number", low=0, high=70),
        "registration_type": _code(codes.REGISTRATION_TYPES),
        "id_document": _code(codes.ID_DOCUMENTS),
        **_INSURANCE,
        "kentaikyo_number": Rule("kentaikyo"),
        "chutaikyo": Rule("bool"),
        "health_check_date": Rule("date", high="today"),
        "residence_status": _code(codes.RESIDENCE_STATUSES, False),
        "residence_card_number": Rule("residence_card"),
        "residence_until": Rule("date"),
        "acceptance_plan_number": _text(30),
    },
    "company": {
        "entity_type": _code(codes.ENTITY_TYPES),
        "name": _text(100, True),  # 商号 as registered
        "trade_name_given": _text(100),  # 商号 as the applicant typed it; required but of a one-person operator
        "name_kana": Rule("kana", True, 100),
        "representative_name": _text(100, True),
        "postal_code": Rule("postal", True),
        "address": _text(200, True),
        "phone": Rule("phone", True),
        "email": Rule("email"),
        "capital": Rule("number", low=0, high=10**15 - 1),  # required of a corporation: cross_errors
        "employee_count": Rule("number", True, low=0, high=10_000_000),
        "has_licence": Rule("bool"),
        "licence_authority": _code(codes.LICENCE_AUTHORITIES, False),
        "licence_kind": _code(codes.LICENCE_KINDS, False),
        "licence_number": Rule("licence_number"),
        "licence_trades": Rule("codes", table=codes.LICENCE_TRADES),
        "alt_document": _code(codes.ALT_DOCUMENTS, False),
        "alt_document_date": Rule("date", high="today"),
        "officer_name": _text(100, True),
        "officer_postal_code": Rule("postal", True),
        "officer_address": _text(200, True),
        "officer_phone": Rule("phone", True),
        "officer_email": Rule("email", True),
        **_INSURANCE,
        "employment_insurance_number": Rule("employment_insurance"),
        "rousai_special": Rule("bool"),
        "rousai_number": Rule("rousai"),
    },
}
YES_WORDS = {"true", "1", "yes", "y", "on", "はい", "あり", "有", "する", "加入"}
NO_WORDS = {"false", "0", "no", "n", "off", "いいえ", "なし", "無", "しない", "未加入"}
# 在留カード番号: 2 letters, 8 digits, 2 letters (e.g. AB12345678CD)
RESIDENCE_CARD = re.compile(r"^[A-Z]{2}\d{8}[A-Z]{2}$")
KATAKANA = re.compile(r"^[ァ-ヶー・　 ]+$")


def rule(kind, name):
    return RULES[kind][name]


def plain(value):
    """Full-width digits and letters typed on a phone become plain ones."""
    return unicodedata.normalize("NFKC", value).strip() if isinstance(value, str) else value


def to_katakana(value):
    """Furigana typed in hiragana or half-width kana, as full-width katakana."""
    value = plain(value or "")
    return "".join(chr(ord(c) + 0x60) if "ぁ" <= c <= "ゖ" else c for c in value)


def postal_format(value):
    """160-0023 whatever way the 7 digits were typed."""
    value = plain(value or "")
    digits = re.sub(r"\D", "", value)
    return f"{digits[:3]}-{digits[3:]}" if len(digits) == 7 else value


def phone_ok(text):
    return bool(re.fullmatch(r"0\d{9,10}", re.sub(r"[-‐ー ]", "", text)))


def parse_number(text):
    """A yen amount, a head count or years typed on a phone: commas and 円/人/年 accepted."""
    try:
        return parse_int(re.sub(r"[,\s円人年]", "", plain(text)), maximum=10**15 - 1)
    except NumberError:
        raise FieldValueError("number")


# 和暦 (Japanese era) names and letters, with the Western year before each era's first year.
ERAS = {
    **dict.fromkeys(("明治", "M"), 1867),
    **dict.fromkeys(("大正", "T"), 1911),
    **dict.fromkeys(("昭和", "S"), 1925),
    **dict.fromkeys(("平成", "H"), 1988),
    **dict.fromkeys(("令和", "R"), 2018),
}
_ERA_DATE = re.compile(
    r"(明治|大正|昭和|平成|令和|[MTSHR])\s*(\d{1,2}|元)\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?",
    re.IGNORECASE,
)


def _year_month_day(text):
    """(year, month, day) of 2024-04-01, 2024/4/1, 2024年4月1日, 令和6年4月1日, R6.4.1 or S60.6.1 (元年 too)."""
    match = re.fullmatch(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?", text)
    if match:
        return tuple(int(g) for g in match.groups())
    match = _ERA_DATE.fullmatch(text)
    if not match:
        raise FieldValueError("date")
    era, year, month, day = match.groups()
    return ERAS[era.upper()] + (1 if year == "元" else int(year)), int(month), int(day)


def parse_date(text):
    """A date typed in the Western calendar or in 和暦 (see _year_month_day)."""
    year, month, day = _year_month_day(plain(text))
    try:
        day = dt.date(year, month, day)
    except ValueError:
        raise FieldValueError("date")
    if not 1900 <= day.year <= 2100:
        raise FieldValueError("date")
    return day


def code_for(table, text):
    """A code typed as the code itself or as its label in any of the app's languages."""
    # New input takes only the codes offered: once the official 職種 table is loaded, a typed "0601" is
    # not quietly taken as CareerUp's 0601 (内装仕上工) when CCUS 06-01 (とび工) was meant.
    entries = [*table, *getattr(table, "aliases", list)()]
    codes_offered = tuple(code for code, _label in entries)
    if text in codes_offered:
        return text
    code = _typed_names(table, entries, codes_offered).get(text.lower())
    if code is None:
        raise FieldValueError("code")
    return code


def _typed_names(table, entries, codes_offered):
    """{label in any language, lower case: code}, built once per app context (a bulk import reads
    thousands of cells against the same few tables)."""
    cache = g.setdefault("typed_code_names", {}) if has_app_context() else {}
    key = (id(table), codes_offered)
    if key not in cache:
        names = {}
        for wording in wordings([label for _code, label in entries]):
            for (code, _label), shown in zip(entries, wording):
                names.setdefault(shown.lower(), code)
        cache[key] = names
    return cache[key]


def _check_date(spec, day):
    now = today()
    if spec.low == "birth":
        if day > now or day.year < now.year - 100:
            raise FieldValueError("birth_date")
        if day > now.replace(year=now.year - 15):
            raise FieldValueError("too_young")
    if spec.high == "today" and day > now:
        raise FieldValueError("future")
    return day


def _split_error(prefix, splitter, text):
    parts, error = splitter(text)
    if error:
        raise FieldValueError(f"{prefix}_{error}")
    return "".join(parts.values())


def _clean_given(spec, text):
    """The stored value of a non-empty typed text (plain already); raises FieldValueError."""
    kind = spec.type
    if kind in ("text", "kana", "phone", "email") and spec.max_length and len(text) > spec.max_length:
        raise FieldValueError("too_long")
    if kind == "kana":
        text = to_katakana(text)
        if not KATAKANA.match(text):
            raise FieldValueError("katakana")
    elif kind == "postal":
        text = postal_format(text)
        if not re.fullmatch(r"\d{3}-\d{4}", text):
            raise FieldValueError("postal")
    elif kind == "phone" and not phone_ok(text):
        raise FieldValueError("phone")
    elif kind == "email":
        try:
            validate_email(text, check_deliverability=False)
        except EmailNotValidError:
            raise FieldValueError("email")
    elif kind == "number":
        number = parse_number(text)
        if not spec.low <= number <= spec.high:
            raise FieldValueError("range")
        return number
    elif kind == "date":
        return _check_date(spec, parse_date(text))
    elif kind == "bool":
        if text.lower() in YES_WORDS:
            return True
        if text.lower() in NO_WORDS:
            return False
        raise FieldValueError("bool")
    elif kind == "code":
        return code_for(spec.table, text)
    elif kind == "codes":
        chosen = [code_for(spec.table, part) for part in re.split(r"[,、\s]+", text) if part]
        return ",".join(c for c in codes.codes(spec.table) if c in chosen)
    elif kind == "kentaikyo":
        text, error = normalize_kentaikyo(text)
        if error:
            raise FieldValueError("kentaikyo")
    elif kind == "employment_insurance":
        return _split_error("employment_insurance", split_employment_insurance_number, text)
    elif kind == "rousai":
        return _split_error("rousai", split_rousai_special_number, text)
    elif kind == "residence_card":
        text = re.sub(r"[\s-]", "", text).upper()
        if not RESIDENCE_CARD.match(text):
            raise FieldValueError("residence_card")
    elif kind == "licence_number" and not re.fullmatch(r"\d{1,6}", text):
        raise FieldValueError("licence_number")
    return text


def empty_value(kind, name):
    """What an empty field stores: False, None (a date or a number left out) or ""."""
    return {"bool": False, "date": None, "number": None}.get(rule(kind, name).type, "")


def clean(kind, name, text):
    """The stored value of `text` typed (or chosen) for field `name`; raises FieldValueError(code).
    Lists (several checkboxes) are joined with commas first."""
    spec = rule(kind, name)
    if isinstance(text, (list, tuple)):
        text = ",".join(text)
    text = plain(text or "")
    if not text:
        if spec.required:
            raise FieldValueError("required")
        return empty_value(kind, name)
    return _clean_given(spec, text)


# --- rules across fields ----------------------------------------------------------------------------


def _worker_cross(v):
    errors = {}
    for name in ("family_kana", "given_kana"):
        if name in v and not v[name] and kana_required(v.get("nationality"), v.get("no_kana_on_document")):
            errors[name] = "kana_required" if is_japanese(v.get("nationality")) else "kana_required_foreign"
    if v.get("no_kana_on_document") and is_japanese(v.get("nationality")):
        errors["no_kana_on_document"] = "kana_for_japanese"
    if v.get("print_alias") and not v.get("alias_name"):
        errors["alias_name"] = "alias_required"
    if v.get("emergency_name") and not v.get("emergency_phone"):
        errors["emergency_phone"] = "emergency_phone_required"
    errors.update(residence_errors(v))
    return errors


def residence_errors(v):
    """在留資格 and its card, over stored values: a Japanese national has none; a foreign one has a
    status, a 在留カード (but 特別永住者) with its 満了日 (but 永住者), and for 特定技能 the employer's plan."""
    if "residence_status" not in v:
        return {}
    status = v.get("residence_status")
    if is_japanese(v.get("nationality")):
        return {"residence_status": "residence_for_japanese"} if status else {}
    if not status:
        return {"residence_status": "residence_status_required"}
    errors = {}
    if status not in codes.WITHOUT_RESIDENCE_CARD and not v.get("residence_card_number"):
        errors["residence_card_number"] = "residence_card_required"
    if status not in codes.WITHOUT_RESIDENCE_PERIOD and not v.get("residence_until"):
        errors["residence_until"] = "residence_until_required"
    if status in codes.SPECIFIED_SKILLED and not v.get("acceptance_plan_number"):
        errors["acceptance_plan_number"] = "acceptance_plan_required"
    return errors


def _company_cross(v):
    errors = {}
    entity = v.get("entity_type")
    if not v.get("name") and entity != "one_person":
        errors["name"] = "sole_without_trade_name" if entity == "sole" else "name_required"
    if entity == "corporation" and not v.get("capital"):
        errors["capital"] = "capital_required"
    if v.get("has_licence"):
        for name in ("licence_authority", "licence_kind", "licence_number", "licence_trades"):
            if not v.get(name):
                errors[name] = f"{name}_required"
    if v.get("employment_insurance") != "enrolled" and v.get("employment_insurance_number"):
        errors["employment_insurance_number"] = "employment_insurance_number_not_enrolled"
    elif v.get("employment_insurance") == "enrolled" and not v.get("employment_insurance_number"):
        errors["employment_insurance_number"] = "employment_insurance_number_required"
    # Seed Q4-7: the 労災 number is registered only by special enrollees.
    if not v.get("rousai_special") and v.get("rousai_number"):
        errors["rousai_number"] = "rousai_number_not_special"
    elif v.get("rousai_special") and not v.get("rousai_number"):
        errors["rousai_number"] = "rousai_number_required"
    return errors


def cross_errors(kind, values):
    """{field: code} of the rules that tie one field to another, over stored values (the record's
    values with the ones being changed laid over them)."""
    return (_worker_cross if kind == "worker" else _company_cross)(values)


def for_record(kind, name, value):
    """A form's value as the record stores it: several codes comma-joined in table order, a number or
    a flag left out as the column's default."""
    if isinstance(value, (list, tuple)):
        return clean(kind, name, value)
    column = (Company if kind == "company" else Worker)._meta.fields.get(name)
    if value is None and column is not None and not column.null:
        return column.default
    return value
