"""Measure the ledger on this database: the posting rate of numbered receipts (one clerk, one transaction
per receipt, as the web does) and the cost of the public disclosure as a fund's ledger grows. Everything
it writes is rolled back at the end (entries cannot be deleted once committed: the ledger is append-only),
so it can run on any database that holds a unit tree (load_demo or generate_data first)."""

from __future__ import annotations

import datetime as dt
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, transaction

from doanket.funds import selectors, services
from doanket.funds.models import Fund
from doanket.orgunits.models import OrgUnit

DAY = dt.date(2024, 11, 1)


class Command(BaseCommand):
    help = "Đo tốc độ ghi biên nhận và thời gian tính trang công khai quỹ (mọi dữ liệu ghi thử đều được hoàn tác)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--receipts", type=int, default=2000, help="số biên nhận ghi thử (mặc định 2000)")
        parser.add_argument("--funds", type=int, default=10, help="số quỹ (mỗi quỹ một phường, xã; mặc định 10)")

    def handle(self, *args: Any, **options: Any) -> None:
        units = list(OrgUnit.objects.filter(unit_type__code="commune", valid_to__isnull=True)
                     .order_by("path")[: options["funds"]])
        if not units:
            raise CommandError("Chưa có phường, xã nào: hãy chạy load_demo hoặc generate_data trước.")
        n = options["receipts"]
        with transaction.atomic():
            funds = [services.fund_create(actor=None, unit=u, name=f"Quỹ đo hiệu năng {time.time_ns()}",
                                          starts_on=dt.date(2024, 1, 1)) for u in units]
            start = time.perf_counter()
            for i in range(n):
                services.receipt_post(actor=None, fund=funds[i % len(funds)], amount=10_000 + i, received_on=DAY,
                                      donor_kind="person", donor_name=f"Người ủng hộ {i}")
            posting = time.perf_counter() - start
            big = funds[0]
            for i in range(50):
                services.disbursement_post(actor=None, fund=big, amount=1_000 + i, paid_on=DAY, purpose="Hỗ trợ",
                                           decision="1/QĐ", decision_date=DAY, category="poor", households=1 + i % 3)
            start = time.perf_counter()
            data = selectors.disclosure(big)
            disclosure = time.perf_counter() - start
            start = time.perf_counter()
            selectors.unit_disclosure(big.unit)
            unit_page = time.perf_counter() - start
            balanced = all(selectors.aggregates_match(f) for f in Fund.objects.filter(pk__in=[f.pk for f in funds]))
            entries = big.entries.count()
            transaction.set_rollback(True)
        self.stdout.write(f"database: {connection.vendor}")
        self.stdout.write(f"posting: {n} numbered receipts in {posting:.2f} s = {n / posting:.0f} receipts/s "
                          f"(one transaction each, {len(funds)} funds)")
        self.stdout.write(f"disclosure of a fund with {entries} entries: {disclosure * 1000:.1f} ms "
                          f"(received {data.totals.received}, distributed {data.totals.disbursed})")
        self.stdout.write(f"unit disclosure page figures: {unit_page * 1000:.1f} ms")
        self.stdout.write(f"maintained balances equal the entries: {balanced}")
