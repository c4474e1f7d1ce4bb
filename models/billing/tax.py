"""消費税 on what CareerUp bills, as an 適格請求書 (インボイス制度) states it: the rate in force on the day,
with effective dates like fees, and the tax contained in a tax-included amount, rounded down once per
rate per receipt (消費税法施行令 第70条の10)."""

import datetime as dt

# (in force from, 標準税率 % of 消費税 and 地方消費税 together)
RATES = [(dt.date(2014, 4, 1), 8), (dt.date(2019, 10, 1), 10)]


def rate_on(day):
    return next(rate for since, rate in reversed(RATES) if day >= since)


def included_tax(amount, rate):
    """The 消費税 inside the tax-included `amount` at `rate` %, rounded down."""
    return amount * rate // (100 + rate)


def receipt_lines(lines, day):
    """[(description, amount incl. tax)] as the receipt's lines with rate and tax each, and the totals
    per rate: ([(description, rate, amount, tax)], [(rate, total, tax)])."""
    rate = rate_on(day)
    rows = [(text, rate, amount, included_tax(amount, rate)) for text, amount in lines]
    total = sum(amount for _t, amount in lines)
    return rows, [(rate, total, included_tax(total, rate))]


def issuer(config):
    """The issuer block of a receipt from configuration (config.py refuses a malformed 登録番号 at start)."""
    return {
        "name": config.get("ISSUER_NAME") or "CareerUp",
        "address": config.get("ISSUER_ADDRESS", ""),
        "number": config.get("INVOICE_REGISTRATION_NUMBER", ""),
    }
