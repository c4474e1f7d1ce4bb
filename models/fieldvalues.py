"""Application field values as text: the code table of each coded field, turning typed text into a
stored value (reviewer corrections, 補記) and a stored value into text for people (review page,
mails, the applicant's portal). Text form: "" for nothing, "true"/"false", ISO dates, codes."""

import datetime as dt
import re
import unicodedata

from flask_babel import get_locale
from peewee import BigIntegerField, BooleanField, DateField, IntegerField

from models import codes
from models.companies import Company, split_employment_insurance_number
from models.fieldsets import sections
from models.workers import Worker

_INSURANCE = {
    "health_insurance": codes.INSURANCE_STATUSES,
    "pension": codes.INSURANCE_STATUSES,
    "employment_insurance": codes.INSURANCE_STATUSES,
}
CODE_TABLES = {
    "company": {
        "entity_type": codes.ENTITY_TYPES,
        "licence_authority": codes.LICENCE_AUTHORITIES,
        "licence_kind": codes.LICENCE_KINDS,
        "licence_trades": codes.LICENCE_TRADES,
        "alt_document": codes.ALT_DOCUMENTS,
        **_INSURANCE,
    },
    "worker": {
        "gender": codes.GENDERS,
        "blood_type": codes.BLOOD_TYPES,
        "main_trade": codes.TRADES,
        "registration_type": codes.REGISTRATION_TYPES,
        "id_document": codes.ID_DOCUMENTS,
        **_INSURANCE,
    },
}
MULTI_CODE = {"licence_trades"}  # comma-separated codes
YEN = {"capital"}
# Never changed by a correction: identity of the record, issued IDs, the account, workflow state.
PROTECTED = {"id", "status", "worker_id", "business_id", "account", "created_at", "last_used_at"}

YES_WORDS = {"true", "1", "yes", "y", "on", "はい", "あり", "有", "する", "加入"}
NO_WORDS = {"false", "0", "no", "n", "off", "いいえ", "なし", "無", "しない", "未加入"}
BOOL_LABELS = {"true": ("あり", "Yes"), "false": ("なし", "No")}


class FieldValueError(ValueError):
    """code: unknown_field / required / too_long / bool / date / number / code / employment_insurance /
    kentaikyo; the form turns it into a message beside the field."""

    def __init__(self, code):
        super().__init__(code)
        self.code = code


def subject_model(kind):
    return Company if kind == "company" else Worker


def correctable_fields(kind):
    """[(section title ja, section title en, [(field, ja, en)])]: the plain values a reviewer may correct.
    Attachments and detail rows (qualifications, affiliations...) are not single values."""
    model_fields = subject_model(kind)._meta.fields
    result = []
    for _key, title_ja, title_en, fields in sections(kind):
        usable = [(n, ja, en) for n, ja, en in fields if n in model_fields and n not in PROTECTED]
        if usable:
            result.append((title_ja, title_en, usable))
    return result


def is_correctable(kind, field):
    return any(field == n for _j, _e, fields in correctable_fields(kind) for n, _ja, _en in fields)


def to_text(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return str(value)


def _lang():
    return "en" if str(get_locale() or "ja") == "en" else "ja"


def _code_for(table, text):
    """A code typed as the code itself or as its Japanese or English label."""
    for code, ja, en in table:
        if text in (code, ja) or text.lower() == en.lower():
            return code
    raise FieldValueError("code")


def _parse_date(text):
    match = re.fullmatch(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?", text)
    if not match:
        raise FieldValueError("date")
    try:
        day = dt.date(*(int(g) for g in match.groups()))
    except ValueError:
        raise FieldValueError("date")
    if not 1900 <= day.year <= 2100:
        raise FieldValueError("date")
    return day


def _parse_int(text, field):
    digits = re.sub(r"[,，円人年\s]", "", text)
    if not digits.isdigit():
        raise FieldValueError("number")
    number = int(digits)
    limit = 2**63 - 1 if isinstance(field, BigIntegerField) else 2**31 - 1
    if number > limit:
        raise FieldValueError("number")
    return number


def _check_rules(name, text):
    """The same number rules the application forms apply."""
    if name == "employment_insurance_number" and text:
        parts, error = split_employment_insurance_number(text)
        if error:
            raise FieldValueError("employment_insurance")
        return "".join(parts.values())
    if name == "kentaikyo_number" and text and not re.fullmatch(r"\d{9}", text):
        raise FieldValueError("kentaikyo")
    return text


def coerce(kind, name, text):
    """The value to store for `text` typed into field `name`; raises FieldValueError."""
    if not is_correctable(kind, name):
        raise FieldValueError("unknown_field")
    field = subject_model(kind)._meta.fields[name]
    text = unicodedata.normalize("NFKC", text or "").strip()
    required = not field.null and field.default != ""  # e.g. 姓, 国籍 (default 日本)
    if not text:
        if isinstance(field, (IntegerField, BooleanField)) or required:
            raise FieldValueError("required")
        return None if field.null else ""
    if isinstance(field, BooleanField):
        if text.lower() in YES_WORDS:
            return True
        if text.lower() in NO_WORDS:
            return False
        raise FieldValueError("bool")
    if isinstance(field, DateField):
        return _parse_date(text)
    if isinstance(field, IntegerField):  # BigIntegerField too
        return _parse_int(text, field)
    table = CODE_TABLES[kind].get(name)
    if table and name in MULTI_CODE:
        chosen = [_code_for(table, part) for part in re.split(r"[,、\s]+", text) if part]
        return ",".join(dict.fromkeys(chosen))
    if table:
        return _code_for(table, text)
    if len(text) > (field.max_length or 255):
        raise FieldValueError("too_long")
    return _check_rules(name, text)


def display(kind, name, text):
    """A stored value (in text form) as people read it, in the current language."""
    if text in ("", None):
        return ""
    table = CODE_TABLES.get(kind, {}).get(name)
    if table and name in MULTI_CODE:
        return codes.list_join(codes.label(table, c) or c for c in text.split(",") if c)
    if table:
        return codes.label(table, text) or text
    field = subject_model(kind)._meta.fields.get(name)
    if isinstance(field, BooleanField):
        ja, en = BOOL_LABELS.get(text, (text, text))
        return en if _lang() == "en" else ja
    if name in YEN and text.isdigit():
        return f"{int(text):,}" + (" yen" if _lang() == "en" else "円")
    if isinstance(field, DateField):
        return text.replace("-", "/")
    return text


def display_value(kind, subject, name):
    return display(kind, name, to_text(getattr(subject, name)))
