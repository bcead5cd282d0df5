"""Working days in Việt Nam: weekends and public holidays (Tết and the Hùng Kings' day follow the lunar
calendar), as published by the `holidays` library, including its substituted days off and the
Saturdays worked in exchange. Pure functions of dates; the petitions' deadlines are counted with them.
"""

from __future__ import annotations

import datetime as dt
from functools import cache

import holidays


@cache
def _calendar(year: int) -> holidays.HolidayBase:
    return holidays.country_holidays("VN", years=year, language="vi")


def holiday_name(day: dt.date) -> str | None:
    """The holiday's Vietnamese name on `day`, or None."""
    return _calendar(day.year).get(day)


def is_working_day(day: dt.date) -> bool:
    return bool(_calendar(day.year).is_working_day(day))


def add_working_days(start: dt.date, days: int) -> dt.date:
    """The date on which `days` working days after `start` have passed (`start` itself not counted): the
    deadline of a period that starts on `start`."""
    if days < 0:
        raise ValueError("days must not be negative")
    day = start
    left = days
    while left:
        day += dt.timedelta(days=1)
        if is_working_day(day):
            left -= 1
    return day


def working_days_between(start: dt.date, end: dt.date) -> int:
    """Working days after `start` up to and including `end` (0 when `end` is not after `start`)."""
    count = 0
    day = start
    while day < end:
        day += dt.timedelta(days=1)
        if is_working_day(day):
            count += 1
    return count


def skipped_holidays(start: dt.date, end: dt.date) -> list[tuple[dt.date, str]]:
    """Public holidays between `start` (excluded) and `end` (included): shown beside a deadline to say why
    it lies where it does."""
    found = []
    day = start
    while day < end:
        day += dt.timedelta(days=1)
        name = holiday_name(day)
        if name:
            found.append((day, name))
    return found
