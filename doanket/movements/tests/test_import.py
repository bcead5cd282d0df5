"""Import of earlier years' titles: all or nothing, every problem with its row; imported titles count
toward consecutive years."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest

from doanket.core.permissions import Role
from doanket.movements import imports, selectors
from doanket.movements.models import Decision, Household, Registration, RegistrationStatus, TitleKind


def workbook(rows) -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(imports.HEADERS)
    for row in rows:
        ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


@pytest.fixture
def ward(tree, make_user):
    return make_user("tt-khuongmai", tree.khuong_mai, Role.STANDING)


@pytest.mark.django_db
def test_import_earlier_titles(tree, ward):
    a = tree.km_area.pk
    n = imports.titles_import(actor=ward, data=workbook([
        [2020, "Gia đình văn hóa", a, "Nguyễn Văn An", "Số 5", "10/QĐ-UBND", "15/12/2020", "Chủ tịch"],
        [2021, "gia dinh van hoa", a, "Nguyễn Văn An", "", "11/QĐ-UBND", dt.datetime(2021, 12, 15), ""],
        [2021, "Tổ dân phố văn hóa", a, "", "", "12/QĐ-UBND", "15/12/2021", ""],
    ]))
    assert n == 3
    assert Household.objects.count() == 1 and Decision.objects.count() == 3
    assert set(Registration.objects.values_list("status", flat=True)) == {RegistrationStatus.AWARDED}
    merit = selectors.consecutive_titles(ward, TitleKind.FAMILY, 2021, 2)
    assert [m.holder for m in merit] == ["Nguyễn Văn An"]
    per_year, top = selectors.titles_per_year(ward, 2021, span=3)
    assert [(y.year, y.family, y.area) for y in per_year] == [(2019, 0, 0), (2020, 1, 0), (2021, 1, 1)] and top == 1


@pytest.mark.django_db
def test_bad_rows_are_all_reported_and_nothing_is_written(tree, ward):
    data = workbook([
        [2021, "Gia đình văn hóa", tree.km_area.pk, "Nguyễn Văn An", "", "11/QĐ", "15/12/2021", ""],
        ["năm ngoái", "Gia đình văn hóa", tree.km_area.pk, "Trần Thị Bình", "", "11/QĐ", "15/12/2021", ""],
        [2021, "Gia đình tiêu biểu", tree.km_area.pk, "Lê Văn Cường", "", "11/QĐ", "31/02/2021", ""],
        [2021, "Gia đình văn hóa", tree.nc_area.pk, "Phạm Thị Dung", "", "7/QĐ", "15/12/2021", ""],  # other ward
        [2021, "Gia đình văn hóa", tree.km_area.pk, "nguyen van an", "", "11/QĐ", "15/12/2021", ""],  # twice
    ])
    with pytest.raises(imports.ImportRejected) as exc:
        imports.titles_import(actor=ward, data=data)
    found = {(e.row, e.column) for e in exc.value.errors}
    assert {(3, "Năm"), (4, "Danh hiệu"), (4, "Ngày ký"), (5, "Mã khu dân cư"), (6, "")} <= found
    assert not Registration.objects.exists() and not Household.objects.exists() and not Decision.objects.exists()


@pytest.mark.django_db
def test_not_a_workbook(ward):
    with pytest.raises(imports.ImportRejected) as exc:
        imports.titles_import(actor=ward, data=b"PK\x03\x04 not really")
    assert "không phải là tệp Excel .xlsx hợp lệ" in exc.value.errors[0].message or "hỏng" in exc.value.errors[0].message


@pytest.mark.django_db
def test_import_page(client, tree, ward):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    client.force_login(ward)
    bad = workbook([[2021, "X", tree.km_area.pk, "", "", "", "", ""]])
    resp = client.post(reverse("movements:titles_import"), {"file": SimpleUploadedFile("a.xlsx", bad)})
    html = resp.content.decode()
    assert resp.status_code == 400 and "Tệp chưa được nhập" in html and "Thiếu số quyết định." in html
    good = workbook([[2021, "Tổ dân phố văn hóa", tree.km_area.pk, "", "", "12/QĐ", "15/12/2021", ""]])
    resp = client.post(reverse("movements:titles_import"), {"file": SimpleUploadedFile("a.xlsx", good)})
    assert resp.status_code == 302 and Registration.objects.count() == 1
