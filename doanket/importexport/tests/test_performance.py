"""A 10,000-row people file imports in one go: lookups fetched up front, rows written in bulk."""

from __future__ import annotations

import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from doanket.importexport import selectors, services
from doanket.importexport.columns import Kind
from doanket.people.models import Person

from .helpers import as_dicts, build_xlsx, headers

pytestmark = pytest.mark.django_db

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ"]
MIDDLE = ["Văn", "Thị", "Minh", "Đức", "Thu", "Quang", "Ngọc", "Hữu"]
GIVEN = ["An", "Bình", "Cường", "Dung", "Giang", "Hạnh", "Khánh", "Lan", "Mai", "Sơn", "Thảo", "Yến"]


def test_ten_thousand_people(tree, users):
    units = ["00343", f"#{tree.nc_area.pk}", f"#{tree.km_area.pk}"]
    rows = [
        [None, f"{FAMILY[i % 10]} {MIDDLE[i % 8]} {GIVEN[i % 12]}", "", ["Nam", "Nữ"][i % 2], 1950 + i % 50,
         f"09{i:08d}", f"0010{i:08d}", units[i % 3], "Tổ dân phố", ""]
        for i in range(10_000)
    ]
    data = build_xlsx(headers(Kind.PEOPLE), rows)
    start = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        result = services.import_people(actor=users.district, data=data)
    elapsed = time.perf_counter() - start
    print(f"\n10,000-row people import on {connection.vendor}: {elapsed:.2f} s, {len(queries)} queries")
    assert len(queries) < 500  # lookups up front and batched writes (SQLite: ~80 rows a batch), not one per row
    assert (result.created, result.updated) == (10_000, 0)
    assert Person.objects.count() == 10_000
    assert Person.history.filter(history_user=users.district).count() == 10_000

    exported = selectors.export_people(users.district)
    start = time.perf_counter()
    result = services.import_people(actor=users.district, data=exported)
    print(f"re-import of the export (all unchanged) on {connection.vendor}: {time.perf_counter() - start:.2f} s")
    assert result.unchanged == 10_000

    changed = as_dicts(exported)
    for r in changed:
        r["Nơi công tác"] = "Trường học"
    start = time.perf_counter()
    result = services.import_people(
        actor=users.district,
        data=build_xlsx(headers(Kind.PEOPLE), [[r.get(h) for h in headers(Kind.PEOPLE)] for r in changed]))
    print(f"10,000-row update on {connection.vendor}: {time.perf_counter() - start:.2f} s")
    assert result.updated == 10_000
    assert Person.objects.filter(affiliation="Trường học").count() == 10_000
