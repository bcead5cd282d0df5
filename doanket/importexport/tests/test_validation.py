"""A file with any bad row writes nothing, and the report names row, column and reason."""

from __future__ import annotations

import datetime as dt
import io
import unicodedata
import zipfile

import pytest

from doanket.importexport import selectors, services
from doanket.importexport.columns import Kind
from doanket.importexport.reading import ImportRejected
from doanket.orgunits.models import OrgUnit
from doanket.people.models import Assignment, Person

from .helpers import as_dicts, build_xlsx, headers

pytestmark = pytest.mark.django_db

P = headers(Kind.PEOPLE)
A = headers(Kind.ASSIGNMENTS)
U = headers(Kind.UNITS)


def person_row(name, unit="00343", **extra):
    values = {"Họ và tên": name, "Mã đơn vị quản lý": unit, **extra}
    return [values.get(h) for h in P]


def assignment_row(**values):
    return [values.get(h) for h in A]


def unit_row(**values):
    return [values.get(h) for h in U]


def rejected(fn, **kwargs) -> list[tuple[int, str, str]]:
    with pytest.raises(ImportRejected) as exc:
        fn(**kwargs)
    return [(e.row, e.column, e.message) for e in exc.value.errors]


def test_one_bad_row_imports_nothing_and_is_reported(people, users):
    before = Person.objects.count()
    data = build_xlsx(P, [
        person_row("Lê Văn An"),
        person_row("Phạm Thị Bình", **{"Năm sinh": "một chín tám mươi"}),
        person_row("Hoàng Văn Cường", unit="99999"),
        person_row(""),
        person_row("Đỗ Thị Dung", **{"Giới tính": "nữ", "Số định danh cá nhân": "12345"}),
    ])
    errors = rejected(services.import_people, actor=users.district, data=data)
    assert Person.objects.count() == before
    assert (3, "Năm sinh", "“một chín tám mươi” không phải là một số nguyên.") in errors
    assert (4, "Mã đơn vị quản lý", "Đơn vị “99999” không tìm thấy hoặc ngoài phạm vi.") in errors
    assert (5, "Họ và tên", "Không được để trống.") in errors
    assert (6, "Số định danh cá nhân", "Số định danh cá nhân gồm đúng 12 chữ số.") in errors
    assert not [e for e in errors if e[0] == 2]


def test_nfd_names_are_stored_nfc(tree, users):
    nfd = unicodedata.normalize("NFD", "Nguyễn Thị Thuỷ")
    assert nfd != "Nguyễn Thị Thuỷ"
    data = build_xlsx([unicodedata.normalize("NFD", h) for h in P],
                      [person_row(nfd, **{"Nơi công tác": unicodedata.normalize("NFD", "  Trường  Tiểu học ")})])
    services.import_people(actor=users.district, data=data)
    person = Person.objects.get()
    assert person.full_name == "Nguyễn Thị Thuỷ"
    assert unicodedata.is_normalized("NFC", person.full_name)
    assert person.affiliation == "Trường Tiểu học"
    assert person.search_text == "nguyen thi thuy"


def test_dates_are_day_first_and_strict(people, users):
    data = build_xlsx(A, [
        assignment_row(**{"Mã người": people.nc.pk, "Chức vụ": "UVTV", "Mã đơn vị": "00343", "Từ ngày": "05/09/2022"}),
        assignment_row(**{"Mã người": people.nc.pk, "Chức vụ": "Bí thư Chi bộ", "Mã đơn vị": "00343",
                          "Từ ngày": dt.datetime(2021, 3, 4), "Đến ngày": dt.date(2022, 3, 4)}),
    ])
    services.import_assignments(actor=users.district, data=data)
    assert Assignment.objects.get(person=people.nc, position__abbreviation="UVTV").start_date == dt.date(2022, 9, 5)
    assert Assignment.objects.get(person=people.nc, position__name="Bí thư Chi bộ").end_date == dt.date(2022, 3, 4)

    bad = build_xlsx(A, [
        assignment_row(**{"Mã người": people.nc.pk, "Chức vụ": "UVTT", "Mã đơn vị": "00343", "Từ ngày": "2022-09-05"}),
        assignment_row(**{"Mã người": people.nc.pk, "Chức vụ": "UVTT", "Mã đơn vị": "00343", "Từ ngày": "31/02/2022"}),
        assignment_row(**{"Mã người": people.nc.pk, "Chức vụ": "UVTT", "Mã đơn vị": "00343", "Từ ngày": "01/01/2023",
                          "Đến ngày": "31/12/2022"}),
        assignment_row(**{"Mã người": people.nc.pk, "Chức vụ": "UVTT", "Mã đơn vị": "00343", "Từ ngày": 44809}),
    ])
    errors = rejected(services.import_assignments, actor=users.district, data=bad)
    assert errors == [
        (2, "Từ ngày", "Ngày “2022-09-05” không đúng dạng dd/mm/yyyy."),
        (3, "Từ ngày", "Ngày “31/02/2022” không tồn tại."),
        (4, "Đến ngày", "Ngày kết thúc phải sau ngày bắt đầu."),
        (5, "Từ ngày", "Ngày “44809” không đúng dạng dd/mm/yyyy."),
    ]


def test_unknown_codes_and_mismatches(people, users):
    data = build_xlsx(A, [
        assignment_row(**{"Mã người": 999999, "Chức vụ": "UVTT", "Mã đơn vị": "00343"}),
        assignment_row(**{"Mã người": people.nc.pk, "Chức vụ": "Thủ quỹ", "Mã đơn vị": "00343"}),
        assignment_row(**{"Mã người": people.nc.pk, "Họ và tên": "Trần Văn Đạt", "Chức vụ": "UVTT",
                          "Mã đơn vị": "#abc"}),
        assignment_row(**{"Chức vụ": "UVTT", "Mã đơn vị": "00343"}),
        assignment_row(**{"Số định danh cá nhân": "009999999999", "Chức vụ": "UVTT", "Mã đơn vị": "00343"}),
    ])
    errors = rejected(services.import_assignments, actor=users.district, data=data)
    assert errors == [
        (2, "Mã người", "Người có mã 999999 không tìm thấy hoặc ngoài phạm vi."),
        (3, "Chức vụ", "Chức vụ “Thủ quỹ” không có trong danh mục."),
        (4, "Họ và tên", "Họ và tên không khớp với người được tìm thấy (Trần Văn Đức)."),
        (4, "Mã đơn vị", "“#abc” không đúng dạng: ghi mã đơn vị hoặc #<số>."),
        (5, "Mã người", "Cần Mã người hoặc Số định danh cá nhân để tìm người."),
        (6, "Số định danh cá nhân", "Không tìm thấy người có số định danh này trong phạm vi của bạn."),
    ]


def test_duplicates_in_file_and_against_database(people, users):
    data = build_xlsx(P, [
        person_row("Lê Văn An", **{"Số định danh cá nhân": "001090000001"}),
        person_row("Lê Văn Anh", **{"Số định danh cá nhân": "001090000001"}),
        person_row("Người Trùng", **{"Số định danh cá nhân": "001080000123"}),  # Khổng Minh Thảo's
        person_row("Người Sửa", **{"Mã người": people.son.pk}),
        person_row("Người Sửa Lần Hai", **{"Mã người": people.son.pk}),
    ])
    errors = rejected(services.import_people, actor=users.district, data=data)
    assert errors == [
        (3, "Số định danh cá nhân", "Trùng với dòng 2."),
        (4, "Số định danh cá nhân", "Số định danh cá nhân này đã có trong hệ thống."),
        (6, "Mã người", "Trùng với dòng 5."),
    ]

    row = {"Mã người": people.nc.pk, "Chức vụ": "UVTT", "Mã đơn vị": "00343", "Từ ngày": "01/01/2024"}
    errors = rejected(services.import_assignments, actor=users.district,
                      data=build_xlsx(A, [assignment_row(**row), assignment_row(**{**row, "Chức vụ": "Ủy viên Thường trực "
                                                                                  "Ủy ban MTTQ Việt Nam"})]))
    assert errors == [(3, "Chức vụ", "Trùng với dòng 2.")]

    errors = rejected(services.import_units, actor=users.district, data=build_xlsx(U, [
        unit_row(**{"Mã đơn vị": "00344", "Tên đơn vị": "Phường Mới", "Loại đơn vị": "commune",
                    "Mã đơn vị cấp trên": f"#{users.district.unit_id}"}),
        unit_row(**{"Mã đơn vị": "00344", "Tên đơn vị": "Phường Mới Hai", "Loại đơn vị": "commune",
                    "Mã đơn vị cấp trên": f"#{users.district.unit_id}"}),
        # the code of Phường Nhân Chính, in force: a second unit cannot take it
        unit_row(**{"Mã đơn vị": "00343", "Tên đơn vị": "Phường Nhân Chính", "Loại đơn vị": "commune",
                    "Mã đơn vị cấp trên": "01"}),
    ]))
    assert (3, "Mã đơn vị", "Trùng với dòng 2.") in errors
    assert Person.objects.count() == 4 and OrgUnit.objects.filter(code="00344").count() == 0


def test_unit_code_taken_by_a_unit_outside_the_reach(tree, users, unit_types):
    """A ward user cannot create a unit with a code in force elsewhere; the report does not say where."""
    from doanket.orgunits.services import unit_create

    unit_create(actor=None, parent=tree.khuong_mai, unit_type=unit_types["area"], name="Tổ 7", code="KDC-07")
    errors = rejected(services.import_units, actor=users.other_ward, data=build_xlsx(U, [
        unit_row(**{"Mã đơn vị": "KDC-07", "Tên đơn vị": "Tổ giả", "Loại đơn vị": "area",
                    "Mã đơn vị cấp trên": "00343"}),
    ]))
    assert errors == [(2, "Mã đơn vị", "Mã đơn vị này đang được một đơn vị khác cùng loại sử dụng.")]


def test_new_units_may_hang_under_new_units_of_the_same_file(tree, users):
    rows = [
        unit_row(**{"Mã đơn vị": "00399", "Tên đơn vị": "Phường Thử", "Loại đơn vị": "commune",
                    "Mã đơn vị cấp trên": f"#{tree.district.pk}"}),
        unit_row(**{"Tên đơn vị": "Tổ dân phố 1", "Loại đơn vị": "area", "Mã đơn vị cấp trên": "00399"}),
        unit_row(**{"Tên đơn vị": "Tổ dân phố 2", "Loại đơn vị": "area", "Mã đơn vị cấp trên": "00399",
                    "Hiệu lực từ": "01/01/2024", "Hiệu lực đến": "01/01/2023"}),
    ]
    errors = rejected(services.import_units, actor=users.district, data=build_xlsx(U, rows))
    assert errors == [(4, "Hiệu lực đến", "Ngày hết hiệu lực phải sau ngày bắt đầu hiệu lực.")]
    rows[2] = unit_row(**{"Tên đơn vị": "Tổ dân phố 2", "Loại đơn vị": "area", "Mã đơn vị cấp trên": "00399"})
    result = services.import_units(actor=users.district, data=build_xlsx(U, rows))
    assert result.created == 3
    ward = OrgUnit.objects.get(code="00399")
    assert [u.name for u in OrgUnit.objects.get_children(ward)] == ["Tổ dân phố 1", "Tổ dân phố 2"]
    assert OrgUnit.objects.get_parent(ward).pk == tree.district.pk
    assert OrgUnit.objects.find_problems() == ([], [], [], [], [])

    # A parent must come before its children.
    errors = rejected(services.import_units, actor=users.district, data=build_xlsx(U, [
        unit_row(**{"Tên đơn vị": "Tổ 1", "Loại đơn vị": "area", "Mã đơn vị cấp trên": "00398"}),
        unit_row(**{"Mã đơn vị": "00398", "Tên đơn vị": "Phường Sau", "Loại đơn vị": "commune",
                    "Mã đơn vị cấp trên": f"#{tree.district.pk}"}),
    ]))
    assert errors == [(2, "Mã đơn vị cấp trên", "Đơn vị cấp trên “00398” phải ở một dòng phía trên đơn vị này.")]


def test_ward_user_cannot_import_into_another_ward(people, users, tree):
    before = (Person.objects.count(), OrgUnit.objects.count(), Assignment.objects.count())
    errors = rejected(services.import_people, actor=users.ward, data=build_xlsx(P, [
        person_row("Người Khương Mai", unit=f"#{tree.khuong_mai.pk}"),
        person_row("Người Nhân Chính", unit="00343"),
    ]))
    assert errors == [(3, "Mã đơn vị quản lý", "Đơn vị “00343” không tìm thấy hoặc ngoài phạm vi.")]
    # …and the same wording whether the unit exists or not
    assert rejected(services.import_people, actor=users.ward, data=build_xlsx(P, [person_row("X", unit="00000")])) == [
        (2, "Mã đơn vị quản lý", "Đơn vị “00000” không tìm thấy hoặc ngoài phạm vi.")]
    errors = rejected(services.import_people, actor=users.ward, data=build_xlsx(P, [
        person_row("Trần Văn Đức", unit="00343", **{"Mã người": people.nc.pk, "Ghi chú": "sửa"})]))
    assert errors[0][:2] == (2, "Mã người")
    errors = rejected(services.import_units, actor=users.ward, data=build_xlsx(U, [
        unit_row(**{"Tên đơn vị": "Khu dân cư số 9", "Loại đơn vị": "area", "Mã đơn vị cấp trên": "00343"})]))
    assert errors == [(2, "Mã đơn vị cấp trên", "Đơn vị “00343” không tìm thấy hoặc ngoài phạm vi.")]
    errors = rejected(services.import_assignments, actor=users.ward, data=build_xlsx(A, [
        assignment_row(**{"Mã người": people.km.pk, "Chức vụ": "UVTV", "Mã đơn vị": "00343"})]))
    assert errors == [(2, "Mã đơn vị", "Đơn vị “00343” không tìm thấy hoặc ngoài phạm vi.")]
    assert (Person.objects.count(), OrgUnit.objects.count(), Assignment.objects.count()) == before


def test_user_without_import_right_is_refused(people, users):
    errors = rejected(services.import_people, actor=users.viewer,
                      data=build_xlsx(P, [person_row("A", unit=f"#{people.km.unit_id}")]))
    assert errors == [(0, "", "Bạn không có quyền nhập dữ liệu.")]


def test_masked_values_do_not_overwrite_real_ones(people, users):
    data = selectors.export_people(users.ward)  # a data-entry role: no right to see personal data
    rows = as_dicts(data)
    km = next(r for r in rows if r["Mã người"] == people.km.pk)
    assert km["Điện thoại"] == "09******21"
    km["Học hàm, học vị"] = "Thạc sĩ"
    result = services.import_people(actor=users.ward, data=build_xlsx(P, [[r.get(h) for h in P] for r in rows]))
    assert result.updated == 1
    people.km.refresh_from_db()
    assert people.km.phone == "0987654321" and people.km.title == "Thạc sĩ"


def test_missing_columns_leave_fields_unchanged(people, users):
    data = build_xlsx(["Mã người", "Họ và tên", "Mã đơn vị quản lý", "Cột thêm"],
                      [[people.thao.pk, "Khổng Minh Thảo", f"#{people.thao.unit_id}", "bỏ qua"]])
    result = services.import_people(actor=users.district, data=data)
    assert result.unchanged == 1
    people.thao.refresh_from_db()
    assert people.thao.phone == "0912345678" and people.thao.id_number == "001080000123"


@pytest.mark.parametrize("kind,fn", [(Kind.UNITS, services.import_units), (Kind.PEOPLE, services.import_people),
                                     (Kind.ASSIGNMENTS, services.import_assignments)])
def test_wrong_headers_are_a_file_error(tree, users, kind, fn):
    cols = [*headers(kind)[:1], "Cột lạ"]
    errors = rejected(fn, actor=users.district, data=build_xlsx(cols, [["1", "2"]]))
    assert errors and all(e[0] == 1 and e[2].startswith(("Thiếu cột", "Cần cột")) for e in errors)


def test_empty_and_fake_files_are_refused(tree, users, settings):
    assert rejected(services.import_people, actor=users.district, data=build_xlsx(P, [])) == [
        (0, "", "Tệp không có dòng dữ liệu nào.")]
    assert rejected(services.import_people, actor=users.district, data=build_xlsx([], [])) == [
        (0, "", "Tệp rỗng: dòng 1 phải là dòng tiêu đề cột.")]
    assert rejected(services.import_people, actor=users.district, data=b"") == [(0, "", "Tệp rỗng.")]
    text = "Họ và tên;Mã đơn vị quản lý\nLê Văn An;00343\n".encode()
    assert rejected(services.import_people, actor=users.district, data=text) == [
        (0, "", "Tệp không phải là tệp Excel .xlsx.")]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("hello.txt", "not a workbook")
    assert rejected(services.import_people, actor=users.district, data=buffer.getvalue()) == [
        (0, "", "Tệp không phải là tệp Excel .xlsx hợp lệ hoặc đã bị hỏng.")]
    good = build_xlsx(P, [person_row("Lê Văn An")])
    assert rejected(services.import_people, actor=users.district, data=good[: len(good) // 2]) == [
        (0, "", "Tệp không phải là tệp Excel .xlsx hợp lệ hoặc đã bị hỏng.")]
    settings.IMPORT_MAX_BYTES = len(good) - 1
    errors = rejected(services.import_people, actor=users.district, data=good)
    assert len(errors) == 1 and errors[0][2].startswith("Tệp lớn hơn giới hạn")
    assert Person.objects.count() == 0


def test_export_is_safe_against_formula_injection(tree, users):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(P)
    ws.append(person_row('=HYPERLINK("http://x","bấm")', **{"Ghi chú": "@SUM(A1)", "Nơi công tác": "-2+3",
                                                             "Điện thoại": "+84912345678"}))
    ws["B2"].data_type = "s"  # typed as text by the user, not a formula
    buffer = io.BytesIO()
    wb.save(buffer)
    services.import_people(actor=users.district, data=buffer.getvalue())
    assert Person.objects.get().full_name.startswith("=HYPERLINK")
    data = selectors.export_people(users.district)
    ws = openpyxl.load_workbook(io.BytesIO(data)).worksheets[0]
    cells = {c.value: c for c in ws[2]}
    for value in ('=HYPERLINK("http://x","bấm")', "@SUM(A1)", "-2+3", "+84912345678"):
        assert cells[value].data_type == "s", value
        assert cells[value].quotePrefix
    assert services.import_people(actor=users.district, data=data).unchanged == 1


def test_numbers_excel_stripped_of_leading_zeros(tree, users):
    services.import_people(actor=users.district, data=build_xlsx(P, [
        person_row("Lê Văn An", **{"Điện thoại": 912345678, "Số định danh cá nhân": 1080000999})]))
    person = Person.objects.get()
    assert (person.phone, person.id_number) == ("0912345678", "001080000999")


def test_closing_a_unit_frees_its_code(tree, users):
    result = services.import_units(actor=users.district, data=build_xlsx(U, [
        unit_row(**{"Mã đơn vị": "00343", "Tên đơn vị": "Phường Nhân Chính", "Loại đơn vị": "commune",
                    "Hiệu lực đến": "30/06/2025"}),
        unit_row(**{"Mã đơn vị": "00343", "Tên đơn vị": "Phường Thanh Xuân", "Loại đơn vị": "commune",
                    "Mã đơn vị cấp trên": f"#{tree.district.pk}", "Hiệu lực từ": "01/07/2025"}),
    ]))
    assert (result.created, result.updated) == (1, 1)
    tree.nhan_chinh.refresh_from_db()
    assert tree.nhan_chinh.valid_to == dt.date(2025, 6, 30)
    assert OrgUnit.objects.get(code="00343", valid_to__isnull=True).name == "Phường Thanh Xuân"


@pytest.mark.parametrize("who", ["ward", "new_ward", "other_ward"])
def test_ward_users_round_trip_their_own_exports(people, users, who):
    user = getattr(users, who)
    for export, imp in ((selectors.export_units, services.import_units),
                        (selectors.export_people, services.import_people),
                        (selectors.export_assignments, services.import_assignments)):
        data = export(user)
        result = imp(actor=user, data=data)
        assert result.created == result.updated == 0
        assert result.unchanged == len(as_dicts(data))


def test_moving_a_unit_is_refused(tree, users):
    errors = rejected(services.import_units, actor=users.district, data=build_xlsx(U, [
        unit_row(**{"Mã đơn vị": f"#{tree.nc_area.pk}", "Tên đơn vị": "Khu dân cư số 1", "Loại đơn vị": "area",
                    "Mã đơn vị cấp trên": f"#{tree.khuong_mai.pk}"})]))
    assert errors == [(2, "Mã đơn vị cấp trên",
                       "Không thể chuyển đơn vị đã có sang đơn vị cấp trên khác khi nhập Excel.")]
