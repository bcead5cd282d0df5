import datetime as dt

from doanket.petitions.workdays import add_working_days, is_working_day, skipped_holidays, working_days_between


def test_deadline_skips_national_day_and_its_substituted_day_off():
    # Thu 27/8/2026 + 5 working days: Mon 31/8 (day off in exchange for Sat 22/8), 1–2/9 National Day are
    # not counted, so the deadline is Tue 8/9, not Thu 3/9.
    assert add_working_days(dt.date(2026, 8, 27), 5) == dt.date(2026, 9, 8)
    names = [d for d, _n in skipped_holidays(dt.date(2026, 8, 27), dt.date(2026, 9, 8))]
    assert names == [dt.date(2026, 8, 31), dt.date(2026, 9, 1), dt.date(2026, 9, 2)]


def test_lunar_new_year_is_not_a_working_day():
    # Tết Đinh Mùi: 6/2/2027 is the first day of the lunar year; the break runs 4–10/2/2027.
    assert not is_working_day(dt.date(2027, 2, 8))
    assert add_working_days(dt.date(2027, 2, 3), 1) == dt.date(2027, 2, 11)


def test_saturday_worked_in_exchange_counts():
    assert is_working_day(dt.date(2026, 8, 22))
    assert not is_working_day(dt.date(2026, 8, 29))


def test_between_counts_working_days_only():
    assert working_days_between(dt.date(2026, 8, 27), dt.date(2026, 9, 8)) == 5
    assert working_days_between(dt.date(2026, 9, 8), dt.date(2026, 9, 8)) == 0
