"""Application field values as text: the code table of each coded field, turning typed text into a
stored value (reviewer corrections, 補記) and a stored value into text for people (review page,
mails, the applicant's portal). Text form: "" for nothing, "true"/"false", ISO dates, codes."""

import datetime as dt

from flask_babel import gettext, lazy_pgettext
from peewee import BooleanField, DateField

from models.accounts.companies import Company
from models.accounts.workers import Worker
from models.core import codes
from models.core.numbers import is_digits
from models.registration.fields import rules as fieldrules
from models.registration.fields.rules import FieldValueError
from models.registration.fields.sets import sections

CODE_TABLES = {kind: {n: r.table for n, r in rules.items() if r.table} for kind, rules in fieldrules.RULES.items()}
MULTI_CODE = {n for rules in fieldrules.RULES.values() for n, r in rules.items() if r.type == "codes"}
YEN = {"capital"}
# Never changed by a correction: identity of the record, issued IDs, the account, workflow state.
PROTECTED = {"id", "status", "worker_id", "business_id", "account", "created_at", "last_used_at"}

BOOL_LABELS = {"true": lazy_pgettext("yes or no", "あり"), "false": lazy_pgettext("yes or no", "なし")}


def subject_model(kind):
    return Company if kind == "company" else Worker


def correctable_fields(kind):
    """[(section title, [(field, label)])]: the plain values a reviewer may correct.
    Attachments and detail rows (qualifications, affiliations...) are not single values."""
    model_fields = subject_model(kind)._meta.fields
    result = []
    for _key, title, fields in sections(kind):
        usable = [(n, label) for n, label in fields if n in model_fields and n not in PROTECTED]
        if usable:
            result.append((title, usable))
    return result


def is_correctable(kind, field):
    return any(field == n for _title, fields in correctable_fields(kind) for n, _label in fields)


def to_text(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return str(value)


def coerce(kind, name, text, subject=None):
    """The value to store for `text` typed into field `name`: the field's rule (models/registration/fields/rules.py),
    the same the application and change forms apply, and with `subject` the rules that tie the field
    to the record's other values. Raises FieldValueError."""
    if not is_correctable(kind, name):
        raise FieldValueError("unknown_field")
    value = fieldrules.for_record(kind, name, fieldrules.clean(kind, name, text))
    if subject is not None:
        values = {n: getattr(subject, n) for n in fieldrules.RULES[kind]}
        code = fieldrules.cross_errors(kind, {**values, name: value}).get(name)
        if code:
            raise FieldValueError(code)
    return value


def store(subject, name, value):
    """Sets one registered value as a change application or a correction (補記) does; a company's 商号
    and representative go through Company.set_names, so the 商号 rule holds after either."""
    if isinstance(subject, Company) and name in ("name", "representative_name"):
        subject.set_names(**{"trade_name" if name == "name" else name: value})
    else:
        setattr(subject, name, value)


def display(kind, name, text):
    """A stored value (in text form) as people read it, in the current language."""
    if text in ("", None):
        return ""
    table = CODE_TABLES.get(kind, {}).get(name)
    if table and name in MULTI_CODE:
        return codes.list_join(codes.label(table, c) or c for c in text.split(",") if c)
    if table:
        return str(codes.label(table, text) or text)
    field = subject_model(kind)._meta.fields.get(name)
    if isinstance(field, BooleanField):
        return str(BOOL_LABELS.get(text, text))
    if name in YEN and is_digits(text):
        return gettext("%(amount)s円", amount=f"{int(text):,}")
    if isinstance(field, DateField):
        return text.replace("-", "/")
    return text


def display_value(kind, subject, name):
    return display(kind, name, to_text(getattr(subject, name)))
