"""Receipt numbers: one series per unit and year, no gap, no reuse — also when clerks post at the same
moment (a real race on PostgreSQL) and when a receipt's transaction is rolled back."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.db import IntegrityError, connection, connections, transaction

from doanket.funds import selectors
from doanket.funds.models import Receipt

from .conftest import receive

DAY = dt.date(2022, 10, 5)


@pytest.mark.django_db
def test_series_per_unit_and_year(funds, staff):
    a = receive(funds.ward, staff.clerk, day=DAY)
    b = receive(funds.storm, staff.clerk, day=DAY)  # another fund of the same unit: the same series
    c = receive(funds.ward, staff.clerk, day=dt.date(2023, 1, 3))
    d = receive(funds.other, staff.other, day=DAY)
    assert [(r.year, r.number) for r in (a, b, c, d)] == [(2022, 1), (2022, 2), (2023, 1), (2022, 1)]


@pytest.mark.django_db
def test_a_rolled_back_receipt_gives_its_number_back_and_a_refused_one_takes_none(funds, staff):
    with pytest.raises(RuntimeError), transaction.atomic():
        receive(funds.ward, staff.clerk)
        raise RuntimeError("the request failed after the receipt was written")
    with pytest.raises(Exception):  # noqa: B017 - any refusal; the point is the number afterwards
        receive(funds.ward, staff.clerk, amount=-1)
    assert receive(funds.ward, staff.clerk).number == 1


@pytest.mark.django_db
def test_the_database_refuses_a_reused_number(funds, staff):
    r = receive(funds.ward, staff.clerk)
    copy = Receipt(fund=r.fund, unit=r.unit, year=r.year, number=r.number, received_on=r.received_on,
                   donor_kind="anonymous", amount=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        copy.save()


@pytest.mark.django_db(transaction=True)
def test_clerks_posting_at_once_lose_nothing_and_reuse_no_number(funds, staff):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises writers; the race needs a database with concurrent transactions")
    clerks, each = 4, 8
    barrier = threading.Barrier(clerks)
    errors: list[BaseException] = []

    def clerk(i: int) -> None:
        try:
            barrier.wait()
            for k in range(each):
                receive(funds.ward if k % 2 else funds.storm, staff.clerk, amount=1000 * (i + 1) + k)
        except BaseException as exc:  # reported below, not lost in the thread
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=clerk, args=(i,)) for i in range(clerks)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    numbers = sorted(Receipt.objects.filter(unit=funds.ward.unit, year=2022).values_list("number", flat=True))
    assert numbers == list(range(1, clerks * each + 1))
    assert selectors.aggregates_match(funds.ward) and selectors.aggregates_match(funds.storm)
    funds.ward.refresh_from_db()
    funds.storm.refresh_from_db()
    expected = sum(1000 * (i + 1) + k for i in range(clerks) for k in range(each))
    assert funds.ward.balance_cash + funds.storm.balance_cash == expected
