"""The one clock: stored moments are naive UTC; business dates and wall times are Japan's (JST)."""

import datetime as dt
from zoneinfo import ZoneInfo

JST = ZoneInfo("Asia/Tokyo")


def utcnow():
    """Now as naive UTC, the form every DateTimeField stores."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def now_jst():
    """Now in Japan, timezone-aware."""
    return dt.datetime.now(JST)


def today():
    """Today's date in Japan: deadlines, fee schemes and approval dates switch at JST midnight."""
    return now_jst().date()


def jst_date(utc_naive):
    """The Japanese calendar day of a stored (naive UTC) moment."""
    return utc_naive.replace(tzinfo=dt.UTC).astimezone(JST).date()


def to_jst_wall(moment):
    """An aware moment (or naive, taken as JST) as naive JST wall time."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=JST)
    return moment.astimezone(JST).replace(tzinfo=None)
