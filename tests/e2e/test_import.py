"""A ward cadre exports the people list, edits it in a spreadsheet, and imports it back."""

import openpyxl
import pytest
from playwright.sync_api import expect

from doanket.people.models import Person


def export_people(page, tmp_path):
    page.get_by_role("link", name="Nhập / xuất Excel").click()
    row = page.locator("tr", has_text="Người")
    with page.expect_download() as download:
        row.get_by_role("link", name="Xuất Excel").click()
    path = tmp_path / "nguoi.xlsx"
    download.value.save_as(path)
    return path


def upload(page, path):
    page.get_by_label("Loại dữ liệu").select_option(label="Người")
    page.get_by_label("Tệp Excel (.xlsx)").set_input_files(str(path))
    page.get_by_role("button", name="Nhập", exact=True).click()


@pytest.mark.django_db(transaction=True)
def test_bad_rows_are_reported_and_nothing_is_written_then_the_fixed_file_imports(page, login, people, users, tmp_path):
    login(page, "khuongmai")
    path = export_people(page, tmp_path)
    wb = openpyxl.load_workbook(path)
    ws = wb.worksheets[0]
    headers = [c.value for c in ws[1]]
    assert headers[:2] == ["Mã người", "Họ và tên"]
    own_unit = ws.cell(row=2, column=headers.index("Mã đơn vị quản lý") + 1).value
    good = {"Họ và tên": "Lê Thị Mới", "Năm sinh": 1985, "Mã đơn vị quản lý": own_unit}
    bad = {"Họ và tên": "Phạm Văn Sai", "Năm sinh": "năm ngoái", "Mã đơn vị quản lý": own_unit}
    for values in (good, bad):
        ws.append([values.get(h) for h in headers])
    wb.save(path)
    before = Person.objects.count()

    upload(page, path)
    report = page.locator("table.import-report")
    expect(report).to_contain_text("Năm sinh")
    expect(report.locator("tbody tr")).to_have_count(1)
    expect(report.locator("tbody tr td").first).to_have_text("4")  # Excel row of the bad line
    assert Person.objects.count() == before  # the good row was not written either

    ws.delete_rows(4)
    wb.save(path)
    upload(page, path)
    expect(page.locator(".messages")).to_contain_text("1 thêm mới")
    assert Person.objects.filter(full_name="Lê Thị Mới", unit=users.ward.unit).exists()
