"""A property test of the ledger: any sequence of receipts, disbursements, transfers and cancellations
leaves every fund balanced — the maintained balances equal the entries, the entries equal the documents
(receipts − transfers out + transfers in − disbursements, cancelled ones excepted), never below zero —
and each operation is refused exactly when a simple model of the balances says it must be."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from doanket.funds import selectors, services
from doanket.funds.models import Disbursement, Form, Fund, Receipt, Transfer

DAY = dt.date(2022, 10, 5)
CANCEL = {"receipt": services.receipt_cancel, "disbursement": services.disbursement_cancel,
          "transfer": services.transfer_cancel}
amounts = st.integers(min_value=1, max_value=3_000_000)
forms = st.sampled_from([Form.CASH, Form.KIND])
fund_ix = st.integers(min_value=0, max_value=2)
operations = st.one_of(
    st.tuples(st.just("receive"), fund_ix, forms, amounts),
    st.tuples(st.just("disburse"), fund_ix, forms, amounts),
    st.tuples(st.just("transfer"), fund_ix, forms, amounts),
    st.tuples(st.just("cancel"), st.integers(min_value=0, max_value=20), st.just(""), st.just(0)),
)


def documents_balance(fund: Fund, form: str) -> int:
    """The balance from the documents alone (no entries, no aggregates)."""
    def total(qs):
        return sum(qs.filter(form=form, cancelled_at__isnull=True).values_list("amount", flat=True))

    return (total(Receipt.objects.filter(fund=fund)) + total(Transfer.objects.filter(target=fund))
            - total(Transfer.objects.filter(source=fund)) - total(Disbursement.objects.filter(fund=fund)))


@pytest.mark.django_db
@settings(max_examples=25, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(ops=st.lists(operations, max_size=10))
# A long test on purpose: one branch per kind of operation, each checked against the model of the ledger.
def test_any_sequence_of_operations_keeps_the_ledger_balanced(funds, staff, ops):  # noqa: C901
    # Ward fund, storm fund (both Khương Mai) and the district fund above them: transfers go ward ↔ district.
    chain = [funds.ward, funds.storm, funds.district]
    with transaction.atomic():
        model = {(f.pk, form): 0 for f in chain for form in Form.values}
        posted: list[tuple[str, object]] = []
        for op, i, form, amount in ops:
            fund = chain[i % len(chain)]
            if op == "receive":
                r = services.receipt_post(actor=staff.district, fund=fund, amount=amount, received_on=DAY,
                                          donor_kind="anonymous", form=form, goods="Gạo" if form == Form.KIND else "")
                model[fund.pk, form] += amount
                posted.append(("receipt", r))
            elif op == "disburse":
                ok = model[fund.pk, form] >= amount
                try:
                    d = services.disbursement_post(actor=staff.district, fund=fund, amount=amount, paid_on=DAY,
                                                   purpose="Hỗ trợ", decision="1/QĐ", decision_date=DAY,
                                                   category="poor", form=form)
                except ValidationError:
                    assert not ok
                else:
                    assert ok
                    model[fund.pk, form] -= amount
                    posted.append(("disbursement", d))
            elif op == "transfer":
                target = funds.district if fund != funds.district else funds.ward
                ok = model[fund.pk, form] >= amount
                try:
                    t = services.transfer_post(actor=staff.district, source=fund, target=target, amount=amount,
                                               transferred_on=DAY, form=form)
                except ValidationError:
                    assert not ok
                else:
                    assert ok
                    model[fund.pk, form] -= amount
                    model[target.pk, form] += amount
                    posted.append(("transfer", t))
            elif posted:
                kind, doc = posted.pop(i % len(posted))
                if kind == "receipt":
                    ok = model[doc.fund_id, doc.form] >= doc.amount
                    change = {(doc.fund_id, doc.form): -doc.amount}
                elif kind == "disbursement":
                    ok = True
                    change = {(doc.fund_id, doc.form): doc.amount}
                else:
                    ok = model[doc.target_id, doc.form] >= doc.amount
                    change = {(doc.source_id, doc.form): doc.amount, (doc.target_id, doc.form): -doc.amount}
                try:
                    CANCEL[kind](actor=staff.district, reason="Nhầm", **{kind: doc})
                except ValidationError:
                    assert not ok
                else:
                    assert ok
                    for key, delta in change.items():
                        model[key] += delta
            for f in chain:
                f.refresh_from_db()
                assert selectors.aggregates_match(f)
                assert (f.balance_cash, f.balance_kind) == (model[f.pk, Form.CASH], model[f.pk, Form.KIND])
                assert f.balance_cash == documents_balance(f, Form.CASH) >= 0
                assert f.balance_kind == documents_balance(f, Form.KIND) >= 0
        for f in chain:  # what the public page publishes is what the fund holds
            published = selectors.disclosure(f).totals
            assert (published.received, published.disbursed, published.balance) == (f.received, f.disbursed, f.balance)
        for unit_id in {f.unit_id for f in chain}:
            numbers = sorted(Receipt.objects.filter(unit_id=unit_id).values_list("number", flat=True))
            assert numbers == list(range(1, len(numbers) + 1))
        transaction.set_rollback(True)
