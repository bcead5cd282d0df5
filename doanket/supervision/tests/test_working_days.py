import datetime as dt

import pytest

from doanket.supervision.working_days import add_working_days, is_working_day, working_days_between

D = dt.date


@pytest.mark.parametrize(("day", "working"), [
    (D(2022, 10, 5), True),  # a Wednesday
    (D(2022, 10, 8), False),  # Saturday
    (D(2022, 10, 9), False),  # Sunday
    (D(2022, 9, 2), False),  # National Day
    (D(2023, 1, 23), False),  # Tết Quý Mão (lunar new year's day 22/1/2023 fell on a Sunday; 23/1 is a holiday)
    (D(2025, 1, 29), False),  # Tết Ất Tỵ
    (D(2022, 5, 2), False),  # 30/4 fell on a Saturday: the day in lieu
    (D(2022, 4, 11), False),  # Hùng Kings' day (10/3 lunar) on a Sunday: the day in lieu
])
def test_weekends_holidays_and_days_in_lieu_are_not_working_days(day, working):
    assert is_working_day(day) is working


def test_twenty_working_days_skip_weekends():
    # 5/10/2022 (Wed) + 20 working days: four weeks of five days = Wed 2/11/2022.
    assert add_working_days(D(2022, 10, 5), 20) == D(2022, 11, 2)


def test_tet_pushes_a_deadline_back():
    # From Mon 16/1/2023: without Tết 10 working days end on Mon 30/1; Tết Quý Mão (20–26/1) adds 4 days off.
    end = add_working_days(D(2023, 1, 16), 10)
    assert end > D(2023, 1, 30)
    assert working_days_between(D(2023, 1, 16), end) == 10
    assert all(not is_working_day(D(2023, 1, d)) for d in (23, 24, 25, 26))


def test_national_day_counts_as_a_day_off():
    # Thu 1/9 and Fri 2/9/2022 are holidays: 1 working day after Wed 31/8 is Mon 5/9.
    assert add_working_days(D(2022, 8, 31), 1) == D(2022, 9, 5)


def test_extra_days_off_from_the_settings(settings):
    settings.DOANKET_EXTRA_DAYS_OFF = ["2022-10-06"]
    assert not is_working_day(D(2022, 10, 6))
    assert add_working_days(D(2022, 10, 5), 1) == D(2022, 10, 7)


def test_zero_days_is_the_same_day_and_negative_is_refused():
    assert add_working_days(D(2022, 10, 5), 0) == D(2022, 10, 5)
    with pytest.raises(ValueError):
        add_working_days(D(2022, 10, 5), -1)
