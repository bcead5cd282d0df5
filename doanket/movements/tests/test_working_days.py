import datetime as dt

from doanket.movements.working_days import add_working_days, is_working_day


def test_weekends_and_tet_are_not_working_days():
    assert not is_working_day(dt.date(2023, 1, 21))  # Saturday
    assert not is_working_day(dt.date(2023, 1, 23))  # Tết (Monday)
    assert is_working_day(dt.date(2023, 1, 27))
    # Meeting on Thursday 19/1/2023: Tết is off from 20 to 26/1, so five working days end on 2/2.
    assert add_working_days(dt.date(2023, 1, 19), 5) == dt.date(2023, 2, 2)
    # An ordinary week: Monday 5/12/2022 + 5 → Monday 12/12/2022.
    assert add_working_days(dt.date(2022, 12, 5), 5) == dt.date(2022, 12, 12)
    assert add_working_days(dt.date(2022, 12, 5), 0) == dt.date(2022, 12, 5)
