"""Calendar arithmetic the rules share, and the renewal window of cards and company registrations."""

import datetime as dt

# DOMAIN and the seed are silent on when renewal opens; cards and company registrations share this.
RENEWAL_WINDOW_MONTHS = 6


def add_months(day, months):
    """The same day `months` later (or earlier); the month's last day when it has no such day."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    for d in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month + 1, d)
        except ValueError:
            continue


def renewal_opens_on(valid_until):
    """The first day something valid until `valid_until` may be renewed (and after expiry, still)."""
    return add_months(valid_until, -RENEWAL_WINDOW_MONTHS)


def renewable_until(today):
    """The latest expiry date whose renewal window is open on `today` (renewal_opens_on(it) <= today)."""
    last = add_months(today, RENEWAL_WINDOW_MONTHS)
    while renewal_opens_on(last + dt.timedelta(days=1)) <= today:  # `today` is a month's last day
        last += dt.timedelta(days=1)
    return last
