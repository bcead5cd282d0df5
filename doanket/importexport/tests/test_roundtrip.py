"""Export → import gives back the same records, and edits made in the exported file are applied."""

from __future__ import annotations

import datetime as dt

import pytest

from doanket.importexport import selectors, services
from doanket.importexport.columns import Kind
from doanket.orgunits.models import OrgUnit
from doanket.people.models import Assignment, Person

from .helpers import as_dicts, build_xlsx, headers, read_xlsx

pytestmark = pytest.mark.django_db


def _rewrite(data: bytes, kind: Kind, edit) -> bytes:
    """The exported rows, changed by `edit(list_of_dicts)`, written back as a new workbook."""
    rows = as_dicts(data)
    rows = edit(rows) or rows
    cols = headers(kind)
    return build_xlsx(cols, [[r.get(c) for c in cols] for r in rows])


def test_units_round_trip(tree, users):
    data = selectors.export_units(users.district)
    rows = as_dicts(data)
    assert {r["Tên đơn vị"] for r in rows} == {"Quận Thanh Xuân", "Phường Khương Mai", "Phường Nhân Chính",
                                               "Khu dân cư số 1"}
    by_name = {r["Tên đơn vị"]: r for r in rows}
    assert by_name["Phường Nhân Chính"]["Mã đơn vị"] == "00343"
    assert by_name["Quận Thanh Xuân"]["Hiệu lực đến"] == dt.datetime(2025, 6, 30)
    before = OrgUnit.objects.count()

    result = services.import_units(actor=users.district, data=data)
    assert (result.created, result.updated, result.unchanged) == (0, 0, len(rows))
    assert OrgUnit.objects.count() == before

    def edit(rows):
        for r in rows:
            if r["Tên đơn vị"] == "Phường Nhân Chính":
                r["Ghi chú"] = "Đã kiểm tra"
        rows.append({"Mã đơn vị": "", "Tên đơn vị": "Khu dân cư số 2", "Loại đơn vị": "area",
                     "Mã đơn vị cấp trên": "00343", "Hiệu lực từ": "05/09/2022"})
        rows.append({"Mã đơn vị": "", "Tên đơn vị": "Khu dân cư số 3", "Loại đơn vị": "Khu dân cư",
                     "Mã đơn vị cấp trên": f"#{tree.nhan_chinh.pk}"})

    result = services.import_units(actor=users.district, data=_rewrite(data, Kind.UNITS, edit))
    assert (result.created, result.updated, result.unchanged) == (2, 1, len(rows) - 1)
    tree.nhan_chinh.refresh_from_db()
    assert tree.nhan_chinh.note == "Đã kiểm tra"
    assert tree.nhan_chinh.numchild == 3
    children = [u.name for u in OrgUnit.objects.get_children(tree.nhan_chinh)]
    assert children == ["Khu dân cư số 1", "Khu dân cư số 2", "Khu dân cư số 3"]
    new = OrgUnit.objects.get(name="Khu dân cư số 2")
    assert new.valid_from == dt.date(2022, 9, 5)
    assert new.search_text == "khu dan cu so 2" and new.sort_key
    assert new.history.get().history_user == users.district
    assert tree.nhan_chinh.history.first().history_user == users.district
    # The tree is still consistent for treebeard.
    assert OrgUnit.objects.find_problems() == ([], [], [], [], [])


def test_people_round_trip(people, users):
    data = selectors.export_people(users.district)
    rows = as_dicts(data)
    thao = next(r for r in rows if r["Họ và tên"] == "Khổng Minh Thảo")
    assert thao["Điện thoại"] == "0912345678" and thao["Số định danh cá nhân"] == "001080000123"
    assert thao["Mã người"] == people.thao.pk and thao["Giới tính"] == "Nam"
    km = next(r for r in rows if r["Họ và tên"] == "Nguyễn Thị Đức Hạnh")
    assert km["Mã đơn vị quản lý"] == f"#{people.km.unit_id}"  # the old ward has no code in force any more

    result = services.import_people(actor=users.district, data=data)
    assert (result.created, result.updated, result.unchanged) == (0, 0, len(rows))

    def edit(rows):
        for r in rows:
            if r["Mã người"] == people.son.pk:
                r["Điện thoại"] = "0901 234 567"
                r["Năm sinh"] = 1970
        rows.append({"Họ và tên": "Lê Thị Mai", "Giới tính": "Nữ", "Mã đơn vị quản lý": "00343",
                     "Số định danh cá nhân": "001190000001"})

    result = services.import_people(actor=users.district, data=_rewrite(data, Kind.PEOPLE, edit))
    assert (result.created, result.updated, result.unchanged) == (1, 1, len(rows) - 1)
    people.son.refresh_from_db()
    assert (people.son.phone, people.son.birth_year) == ("0901234567", 1970)
    assert people.son.history.first().history_user == users.district
    mai = Person.objects.get(id_number="001190000001")
    assert mai.unit.code == "00343" and mai.gender == "F" and mai.search_text == "le thi mai"
    assert mai.history.get().history_user == users.district


def test_assignments_round_trip(people, users, positions):
    data = selectors.export_assignments(users.district)
    rows = as_dicts(data)
    assert len(rows) == Assignment.objects.count() == 5
    result = services.import_assignments(actor=users.district, data=data)
    assert (result.created, result.updated, result.unchanged) == (0, 0, 5)

    def edit(rows):
        for r in rows:
            if r["Mã người"] == people.son.pk:
                r["Đến ngày"] = "31/12/2025"
        rows.append({"Số định danh cá nhân": "001080000123", "Họ và tên": "Khổng Minh Thảo",
                     "Chức vụ": "Phó Chủ tịch Ủy ban MTTQ Việt Nam", "Mã đơn vị": "00343", "Từ ngày": "05/09/2022"})

    result = services.import_assignments(actor=users.district, data=_rewrite(data, Kind.ASSIGNMENTS, edit))
    assert (result.created, result.updated, result.unchanged) == (1, 1, 4)
    son = Assignment.objects.get(person=people.son)
    assert son.end_date == dt.date(2025, 12, 31)
    new = Assignment.objects.get(person=people.thao, unit__code="00343")
    assert new.start_date == dt.date(2022, 9, 5)
    assert new.history.get().history_user == users.district


def test_template_has_headers_and_guide(db):
    import io

    import openpyxl

    for kind in Kind:
        data = selectors.template_workbook(kind)
        assert read_xlsx(data) == [headers(kind)]
        wb = openpyxl.load_workbook(io.BytesIO(data))
        assert wb.sheetnames[1] == "Hướng dẫn"
