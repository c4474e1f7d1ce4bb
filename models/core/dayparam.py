"""A day asked for in a URL (`?date=2025-04-01`) for a day-by-day list, kept between FIRST_DAY and today (a
list of days never steps into the future), with the neighbouring days for 前日/翌日 links that never step
outside them."""

import datetime as dt
from typing import NamedTuple

FIRST_DAY = dt.date(2000, 1, 1)


class DayParam(NamedTuple):
    day: dt.date
    prev_day: dt.date | None  # None at the first day that can be shown
    next_day: dt.date | None
    adjusted: bool  # the asked-for date was unreadable or out of range, so `day` is another one
    last_day: dt.date  # today: the latest day a list shows (the date picker's max)


def day_param(text, today):
    """The day `text` names (ISO date), else `today`; a date before FIRST_DAY or after today shows today,
    `adjusted` so the page says which days it can show (never quietly another far day)."""
    try:
        day, adjusted = dt.date.fromisoformat((text or "").strip()[:10]), False
    except ValueError:
        day, adjusted = today, bool(text)
    if not FIRST_DAY <= day <= today:
        day, adjusted = today, True
    step = dt.timedelta(days=1)
    return DayParam(
        day=day,
        prev_day=day - step if day > FIRST_DAY else None,
        next_day=day + step if day < today else None,
        adjusted=adjusted,
        last_day=today,
    )
