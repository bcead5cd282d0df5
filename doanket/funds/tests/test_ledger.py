"""The ledger's rules: integer đồng, balances from entries, no overdraft, reversals instead of edits,
transfers seen on both sides, closed months, and refusals worded in Vietnamese with nothing written."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.http import Http404

from doanket.funds import selectors, services
from doanket.funds.models import Entry, Form, Fund, Receipt, Transfer
from doanket.funds.money import parse_money
from doanket.funds.words import amount_in_words

from .conftest import receive

pytestmark = pytest.mark.django_db
DAY = dt.date(2022, 10, 5)


def test_receipt_posts_an_entry_and_moves_the_balance(funds, staff):
    r = receive(funds.ward, staff.clerk, 1_500_000)
    funds.ward.refresh_from_db()
    assert (r.year, r.number, r.code) == (2022, 1, "00001/2022")
    assert funds.ward.received_cash == funds.ward.balance_cash == 1_500_000
    assert list(r.entries.values_list("kind", "amount")) == [("receipt", 1_500_000)]
    assert selectors.aggregates_match(funds.ward)
    assert Receipt.history.filter(id=r.pk).first().history_user == staff.clerk


def test_in_kind_receipt_is_valued_and_kept_apart_from_cash(funds, staff):
    receive(funds.storm, staff.clerk, 3_000_000, form=Form.KIND, goods="50 thùng mì, 200 kg gạo")
    funds.storm.refresh_from_db()
    assert (funds.storm.received_kind, funds.storm.balance_kind, funds.storm.balance_cash) == (3_000_000, 3_000_000, 0)
    with pytest.raises(ValidationError, match="không đủ"):
        services.disbursement_post(actor=staff.clerk, fund=funds.storm, amount=1, paid_on=DAY, purpose="Chi tiền",
                                   decision="1/QĐ-MTTQ", decision_date=DAY, category="disaster", households=1)


@pytest.mark.parametrize(("amount", "message"), [
    (-5000, "lớn hơn 0"), (0, "lớn hơn 0"), (1500.0, "số nguyên"), (Decimal("10.5"), "phần lẻ"),
    ("1,5", "phần lẻ"), ("mười nghìn", "không hợp lệ"), (True, "số nguyên"),
])
def test_bad_amounts_are_refused_in_vietnamese_and_nothing_is_written(funds, staff, amount, message):
    with pytest.raises(ValidationError, match=message) as exc:
        receive(funds.ward, staff.clerk, amount)
    assert "amount" in exc.value.message_dict
    assert not Receipt.objects.exists() and not Entry.objects.exists()


def test_typed_amounts_with_vietnamese_grouping():
    assert parse_money("1.500.000") == parse_money("1 500 000") == parse_money("1500000 đ") == 1_500_000
    for bad in ("1.5", "1,500", "15.00", "-1.000"):
        with pytest.raises(ValidationError):
            parse_money(bad)


def test_amount_in_words():
    assert amount_in_words(1_500_000) == "Một triệu năm trăm nghìn đồng"
    assert amount_in_words(2_015_000) == "Hai triệu không trăm mười lăm nghìn đồng"
    assert amount_in_words(1_005_000) == "Một triệu không trăm linh năm nghìn đồng"
    assert amount_in_words(21_000) == "Hai mươi mốt nghìn đồng"
    assert amount_in_words(1_250_000_000) == "Một tỷ hai trăm năm mươi triệu đồng"
    assert amount_in_words(54_000) == "Năm mươi tư nghìn đồng"


@pytest.mark.parametrize(("day", "message"), [
    (dt.date(2099, 1, 1), "tương lai"), (dt.date(2022, 8, 1), "nằm ngoài thời gian"),
    (dt.date(2022, 11, 1), "nằm ngoài thời gian"), ("05/10/2022", "dd/mm/yyyy"),
])
def test_wrong_dates_are_refused(funds, staff, day, message):
    with pytest.raises(ValidationError, match=message):
        receive(funds.storm, staff.clerk, day=day)
    assert not Entry.objects.exists()


def test_disbursement_above_the_balance_is_refused_unless_an_overdraft_is_configured(funds, staff, household):
    receive(funds.ward, staff.clerk, 1_000_000)
    kwargs = dict(actor=staff.clerk, fund=funds.ward, paid_on=DAY, purpose="Hỗ trợ Tết", decision="12/QĐ-MTTQ",
                  decision_date=DAY, beneficiary=household)
    with pytest.raises(ValidationError, match=r"Số dư tiền .* là 1\.000\.000 đồng, không đủ để ghi 1\.200\.000"):
        services.disbursement_post(amount=1_200_000, **kwargs)
    assert not funds.ward.disbursements.exists()
    services.fund_update(actor=staff.ward, fund=funds.ward, overdraft_limit=500_000)
    services.disbursement_post(amount=1_200_000, **kwargs)
    funds.ward.refresh_from_db()
    assert funds.ward.balance_cash == -200_000
    assert selectors.aggregates_match(funds.ward)


def test_the_database_refuses_a_negative_balance_and_a_broken_identity(funds):
    with pytest.raises(IntegrityError), transaction.atomic():
        Fund.objects.filter(pk=funds.ward.pk).update(balance_cash=-1, disbursed=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        Fund.objects.filter(pk=funds.ward.pk).update(received_cash=10)


def test_posted_entries_cannot_be_edited_even_behind_the_models_back(funds, staff):
    receive(funds.ward, staff.clerk, 1_000_000)
    entry = Entry.objects.get()
    with pytest.raises(RuntimeError):
        entry.save()
    with pytest.raises(Exception, match="append-only"), transaction.atomic():
        Entry.objects.filter(pk=entry.pk).update(amount=1)
    with pytest.raises(Exception, match="append-only"), transaction.atomic(), connection.cursor() as cur:
        cur.execute("UPDATE funds_entry SET amount = 2 WHERE id = %s", [entry.pk])
    assert Entry.objects.get().amount == 1_000_000


def test_cancelling_a_receipt_reverses_it_and_keeps_its_number(funds, staff):
    first = receive(funds.ward, staff.clerk, 700_000)
    services.receipt_cancel(actor=staff.ward, receipt=first, reason="Ghi nhầm số tiền")
    second = receive(funds.ward, staff.clerk, 70_000)
    funds.ward.refresh_from_db()
    assert second.number == 2
    assert funds.ward.received_cash == funds.ward.balance_cash == 70_000
    assert sorted(first.entries.values_list("amount", flat=True)) == [-700_000, 700_000]
    with pytest.raises(ValidationError, match="đã huỷ"):
        services.receipt_cancel(actor=staff.ward, receipt=first, reason="Lần nữa")
    assert selectors.aggregates_match(funds.ward)


def test_a_reversal_that_would_overdraw_is_refused(funds, staff):
    r = receive(funds.ward, staff.clerk, 500_000)
    services.disbursement_post(actor=staff.clerk, fund=funds.ward, amount=400_000, paid_on=DAY, purpose="Hỗ trợ",
                               decision="1/QĐ", decision_date=DAY, category="poor", households=2)
    with pytest.raises(ValidationError, match="không đủ"):
        services.receipt_cancel(actor=staff.ward, receipt=r, reason="Nhầm")
    r.refresh_from_db()
    assert r.cancelled_at is None


def test_a_clerk_may_post_but_not_cancel_and_another_ward_sees_nothing(funds, staff):
    r = receive(funds.ward, staff.clerk)
    with pytest.raises(PermissionDenied):
        services.receipt_cancel(actor=staff.clerk, receipt=r, reason="Nhầm")
    with pytest.raises(PermissionDenied):
        receive(funds.ward, staff.viewer)
    with pytest.raises(Http404):
        receive(funds.ward, staff.other)
    with pytest.raises(Http404):
        selectors.access_receipt(staff.other, r.pk)


def test_transfer_up_is_one_record_seen_on_both_sides(funds, staff):
    receive(funds.ward, staff.clerk, 2_000_000)
    t = services.transfer_post(actor=staff.ward, source=funds.ward, target=funds.district, amount=1_200_000,
                               transferred_on=DAY, decision="Kế hoạch 05/KH-MTTQ")
    funds.ward.refresh_from_db()
    funds.district.refresh_from_db()
    assert (funds.ward.transferred_out, funds.ward.balance_cash) == (1_200_000, 800_000)
    assert (funds.district.transferred_in, funds.district.balance_cash) == (1_200_000, 1_200_000)
    assert Transfer.objects.count() == 1
    assert selectors.fund_transfers(funds.ward) == selectors.fund_transfers(funds.district) == [t]
    assert selectors.access_transfer(staff.district, t.pk) == selectors.access_transfer(staff.ward, t.pk)
    services.transfer_cancel(actor=staff.ward, transfer=t, reason="Chuyển nhầm")
    funds.ward.refresh_from_db()
    funds.district.refresh_from_db()
    assert (funds.ward.balance_cash, funds.district.balance_cash) == (2_000_000, 0)
    assert selectors.aggregates_match(funds.ward) and selectors.aggregates_match(funds.district)


def test_transfer_outside_the_branch_or_beyond_the_balance_is_refused(funds, staff):
    receive(funds.ward, staff.clerk, 100_000)
    with pytest.raises(ValidationError, match="cùng một nhánh"):
        services.transfer_post(actor=None, source=funds.ward, target=funds.other, amount=50_000, transferred_on=DAY)
    with pytest.raises(ValidationError, match="không đủ"):
        services.transfer_post(actor=staff.ward, source=funds.ward, target=funds.district, amount=150_000,
                               transferred_on=DAY)
    assert not Transfer.objects.exists()


def test_a_closed_month_takes_no_posting(funds, staff):
    services.period_close(actor=staff.ward, unit=funds.ward.unit, month=dt.date(2022, 10, 31))
    with pytest.raises(ValidationError, match="đã khoá đến hết tháng 10/2022"):
        receive(funds.ward, staff.clerk, day=dt.date(2022, 9, 30))
    receive(funds.ward, staff.clerk, day=dt.date(2022, 11, 2))
    with pytest.raises(ValidationError, match="đã khoá"):
        services.period_close(actor=staff.ward, unit=funds.ward.unit, month=dt.date(2022, 9, 1))


def test_disbursement_needs_its_decision_and_a_household_of_the_fund(funds, staff, household, tree):
    receive(funds.ward, staff.clerk, 1_000_000)
    base = dict(actor=staff.clerk, fund=funds.ward, amount=100_000, paid_on=DAY, purpose="Hỗ trợ")
    with pytest.raises(ValidationError, match="quyết định"):
        services.disbursement_post(decision=" ", decision_date=DAY, beneficiary=household, **base)
    with pytest.raises(ValidationError, match="trước hoặc cùng ngày chi"):
        services.disbursement_post(decision="1/QĐ", decision_date=DAY + dt.timedelta(days=1), beneficiary=household,
                                   **base)
    stranger = services.beneficiary_create(actor=None, unit=tree.nc_area, head_name="Hộ khác", category="poor")
    with pytest.raises(ValidationError, match="không thuộc địa bàn"):
        services.disbursement_post(decision="1/QĐ", decision_date=DAY, beneficiary=stranger, **base)
    d = services.disbursement_post(decision="1/QĐ", decision_date=DAY, beneficiary=household, **base)
    assert (d.category, d.households) == ("poor", 1)
