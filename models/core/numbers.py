"""The one reading of a whole number a person typed or a URL carries: ASCII digits once NFKC has
folded full-width １２ and ² into them, nothing else (a digit like ᧚ passes str.isdigit() and not
int()); and a number past the database's id range is no id, never a query error."""

import unicodedata

from werkzeug.routing import IntegerConverter

from models.core.errors import DomainError

# Ids are 32-bit on PostgreSQL (serial); SQLite overflows past 64 bits. A bigger id is simply no row.
MAX_ID = 2**31 - 1


class NumberError(DomainError):
    """code: not_number (anything but digits) / out_of_range (outside minimum..maximum)."""


def is_digits(text):
    """Only ASCII digits (str.isdigit() alone also passes ᧚, which int() refuses)."""
    return bool(text) and text.isascii() and text.isdigit()


def parse_int(text, maximum=MAX_ID, minimum=0):
    """The number `text` spells. Raises NumberError."""
    digits = unicodedata.normalize("NFKC", str(text)).strip()
    if not is_digits(digits):
        raise NumberError("not_number")
    if len(digits) > len(str(maximum)) or not minimum <= int(digits) <= maximum:
        raise NumberError("out_of_range")
    return int(digits)


def int_or_none(text, maximum=MAX_ID, minimum=0):
    """parse_int, or None for anything it refuses (an id that names no row)."""
    try:
        return parse_int(text, maximum, minimum)
    except NumberError:
        return None


def coerce_id(text):
    """parse_int for WTForms' `coerce=`: a refusal is the ValueError the field turns into its message."""
    value = int_or_none(text)
    if value is None:
        raise ValueError(f"not an id: {text!r}")
    return value


class IdConverter(IntegerConverter):
    """`<int:…>` in every route: ASCII digits within the id range; anything else matches no route (404)."""

    regex = r"[0-9]+"

    def __init__(self, map, *args, **kwargs):
        kwargs.setdefault("max", MAX_ID)
        super().__init__(map, *args, **kwargs)
