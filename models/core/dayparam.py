"""A day asked for in a URL (`?date=2025-04-01`) for a day-by-day list, kept inside the years a list can
show, with the neighbouring days for 前日/翌日 links that never step outside them."""

import datetime as dt
from typing import NamedTuple

FIRST_DAY = dt.date(2000, 1, 1)
LAST_DAY = dt.date(2099, 12, 31)


class DayParam(NamedTuple):
    day: dt.date
    prev_day: dt.date | None  # None at the first day that can be shown
    next_day: dt.date | None
    adjusted: bool  # the asked-for date was unreadable or out of range, so `day` is another one


def day_param(text, today):
    """The day `text` names (ISO date), else `today`; a date outside FIRST_DAY…LAST_DAY is moved to the
    nearest end of that range (so 9999-12-31 or 0001-01-01 shows a page, never an error)."""
    try:
        day, adjusted = dt.date.fromisoformat((text or "").strip()[:10]), False
    except ValueError:
        day, adjusted = today, bool(text)
    if not FIRST_DAY <= day <= LAST_DAY:
        day, adjusted = min(max(day, FIRST_DAY), LAST_DAY), True
    step = dt.timedelta(days=1)
    return DayParam(
        day=day,
        prev_day=day - step if day > FIRST_DAY else None,
        next_day=day + step if day < LAST_DAY else None,
        adjusted=adjusted,
    )
