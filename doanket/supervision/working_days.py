"""Working days in Vietnam: Monday to Friday, less public holidays (Labour Code 2019, Art. 112: New Year,
Tết by the lunar calendar, Hùng Kings' day, 30/4, 1/5, 2/9 and the day next to it), with the days in lieu
when a holiday falls on a weekend — as the `holidays` package keeps them — plus any extra days off the
government decides each year (setting DOANKET_EXTRA_DAYS_OFF, ISO dates), because Tết bridges are announced
yearly and no library can know them in advance.

Pure functions of dates; generic on purpose (deadlines of petitions and critiques count the same way).
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import holidays
from django.conf import settings


@lru_cache(maxsize=64)
def _public_holidays(year: int) -> frozenset[dt.date]:
    return frozenset(holidays.country_holidays("VN", years=year))


def _extra_days_off() -> frozenset[dt.date]:
    return frozenset(dt.date.fromisoformat(d) for d in getattr(settings, "DOANKET_EXTRA_DAYS_OFF", ()))


def is_working_day(day: dt.date, extra_off: frozenset[dt.date] | None = None) -> bool:
    if day.weekday() >= 5:
        return False
    extra = _extra_days_off() if extra_off is None else extra_off
    return day not in _public_holidays(day.year) and day not in extra


def add_working_days(start: dt.date, days: int) -> dt.date:
    """The `days`-th working day after `start` (a deadline "within N working days" of `start`)."""
    if days < 0:
        raise ValueError("days must not be negative")
    extra = _extra_days_off()
    day, left = start, days
    while left:
        day += dt.timedelta(days=1)
        if is_working_day(day, extra):
            left -= 1
    return day


def working_days_between(start: dt.date, end: dt.date) -> int:
    """Working days after `start` up to and including `end` (0 when `end` is not after `start`)."""
    extra = _extra_days_off()
    count, day = 0, start
    while day < end:
        day += dt.timedelta(days=1)
        if is_working_day(day, extra):
            count += 1
    return count
