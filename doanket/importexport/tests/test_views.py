"""The page through the Django test client: upload, report, downloads."""

from __future__ import annotations

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from doanket.importexport.columns import Kind
from doanket.people.models import Person

from .helpers import as_dicts, build_xlsx, headers

pytestmark = pytest.mark.django_db
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
P = headers(Kind.PEOPLE)


def upload(client, data: bytes, kind: str = "nguoi", name: str = "danh-sach.xlsx"):
    return client.post(reverse("importexport:import"),
                       {"kind": kind, "file": SimpleUploadedFile(name, data, content_type=XLSX)})


def person(name: str, unit: str) -> list:
    return [None, name, None, None, None, None, None, unit, None, None]


def test_login_required(client, tree):
    response = client.get(reverse("importexport:index"))
    assert response.status_code == 302 and "dang-nhap" in response["Location"]


def test_index_shows_form_and_links(client, users):
    assert client.login(username="quan", password="mat-khau-thu-nghiem")
    response = client.get(reverse("importexport:index"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Nhập / xuất Excel" in html and 'enctype="multipart/form-data"' in html
    for kind in Kind:
        assert reverse("importexport:template", args=[kind.value]) in html
        assert reverse("importexport:export", args=[kind.value]) in html
    assert response.context["nav"] == "io"


def test_upload_good_file(client, people, users):
    client.force_login(users.district)
    response = upload(client, build_xlsx(P, [person("Lê Văn An", "00343"), person("Lê Văn Bình", "00343")]))
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "2 thêm mới" in page
    assert Person.objects.filter(full_name__startswith="Lê Văn").count() == 2


def test_upload_bad_file_shows_report(client, people, users):
    client.force_login(users.district)
    before = Person.objects.count()
    response = upload(client, build_xlsx(P, [person("Lê Văn An", "00343"), person("Lê Văn Bình", "77777")]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "không dòng nào được nhập" in html
    assert "<th scope=\"col\">Dòng</th>" in html and "<th scope=\"col\">Cột</th>" in html
    assert "<td>3</td>" in html and "<td>Mã đơn vị quản lý</td>" in html
    assert "Đơn vị “77777” không tìm thấy hoặc ngoài phạm vi." in html
    assert Person.objects.count() == before


def test_upload_fake_and_oversized_files(client, people, users, settings):
    client.force_login(users.district)
    response = upload(client, b"Ho va ten,Ma don vi\nA,00343\n", name="gia.xlsx")
    assert "Tệp không phải là tệp Excel .xlsx." in response.content.decode()
    settings.IMPORT_MAX_BYTES = 1000
    response = upload(client, build_xlsx(P, [person("Lê Văn An", "00343")]))
    assert response.status_code == 200 and "Tệp lớn hơn giới hạn cho phép" in response.content.decode()
    assert not Person.objects.filter(full_name="Lê Văn An").exists()


def test_ward_user_upload_into_other_ward(client, people, users):
    client.force_login(users.ward)
    response = upload(client, build_xlsx(P, [person("Lê Văn An", "00343")]))
    assert "không tìm thấy hoặc ngoài phạm vi" in response.content.decode()
    assert not Person.objects.filter(full_name="Lê Văn An").exists()


def test_download_export_and_template(client, people, users):
    client.force_login(users.ward)
    response = client.get(reverse("importexport:export", args=["nguoi"]))
    assert response.status_code == 200 and response["Content-Type"] == XLSX
    assert "attachment" in response["Content-Disposition"]
    rows = as_dicts(response.content)
    assert [r["Họ và tên"] for r in rows] == ["Nguyễn Thị Đức Hạnh"]
    response = client.get(reverse("importexport:template", args=["chuc-vu"]))
    wb = openpyxl.load_workbook(io.BytesIO(response.content))
    assert wb.sheetnames == ["Chức vụ", "Hướng dẫn"]
    assert client.get(reverse("importexport:export", args=["khac"])).status_code == 404
    # and the download re-imports through the page
    response = upload(client, client.get(reverse("importexport:export", args=["nguoi"])).content)
    assert response.status_code == 302


def test_viewer_may_neither_import_nor_export(client, people, users):
    client.force_login(users.viewer)
    assert client.get(reverse("importexport:export", args=["nguoi"])).status_code == 403
    assert upload(client, build_xlsx(P, [person("A", "00343")])).status_code == 403
    html = client.get(reverse("importexport:index")).content.decode()
    assert "Bạn không có quyền nhập dữ liệu." in html
