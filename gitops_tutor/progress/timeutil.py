"""UTC timestamps as the store writes them.

Every time is kept as an ISO 8601 string in UTC with microseconds, so that text
order equals time order and SQL can compare and group them (``substr(t, 1, 10)``
is the UTC date). fsrs also insists on UTC-aware datetimes.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta, timezone

Clock = Callable[[], datetime]


def system_clock() -> datetime:
    return datetime.now(timezone.utc)


def to_utc(moment: datetime) -> datetime:
    """An aware datetime in ``timezone.utc`` (fsrs rejects any other tzinfo object).

    A naive datetime is taken to be UTC already rather than local time, because
    every datetime the store hands out is UTC.
    """
    if moment.tzinfo is None:
        return moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc)


def iso(moment: datetime) -> str:
    return to_utc(moment).isoformat(timespec="microseconds")


def parse_iso(text: str) -> datetime:
    return to_utc(datetime.fromisoformat(text))


def day_of(moment: datetime) -> date:
    """The UTC calendar day of a moment: the unit of streaks and daily limits."""
    return to_utc(moment).date()


def end_of_day(moment: datetime) -> datetime:
    """The first instant of the next UTC day."""
    day = day_of(moment)
    return datetime(day.year, day.month, day.day, tzinfo=timezone.utc) + timedelta(days=1)
