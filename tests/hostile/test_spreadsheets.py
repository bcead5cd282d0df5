"""Spreadsheets in and out: every export writes text that looks like a formula (= + - @) as text; uploads
are checked by content, by size, and refused quickly when they are zip bombs."""

from __future__ import annotations

import ast
import datetime as dt
import io
import time
import zipfile
from pathlib import Path

import openpyxl
import pytest
from django.utils import timezone

from doanket.core.permissions import Role
from doanket.core.uploads import UnsafeArchive, check_office_zip
from doanket.importexport import selectors as export_selectors
from doanket.importexport.columns import Kind
from doanket.importexport.reading import ImportRejected, read_sheet
from doanket.importexport.tests.helpers import build_xlsx, headers
from doanket.orgunits import services as unit_services
from doanket.people import services as people_services
from doanket.polls import exports as poll_exports
from doanket.polls import selectors as poll_selectors
from doanket.polls import services as poll_services

FORMULAS = ("=HYPERLINK(\"http://example.com\",\"bấm\")", "+1+2", "-2+3", "@SUM(A1:A2)", "=cmd|' /C calc'!A0")
ROOT = Path(__file__).resolve().parents[2]


def assert_no_formula(data: bytes) -> int:
    """No cell of any sheet is a formula; returns how many cells hold formula-like text (as text)."""
    wb = openpyxl.load_workbook(io.BytesIO(data))  # not data_only: formulas would show as formulas
    seen = 0
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{ws.title}!{cell.coordinate} is a formula: {cell.value!r}"
                if isinstance(cell.value, str) and cell.value.startswith(("=", "+", "-", "@")):
                    seen += 1
    return seen


@pytest.fixture
def admin(tree, make_user):
    return make_user("quantri-quan", tree.district, *Role.values)


@pytest.mark.django_db
def test_every_import_export_sheet_keeps_formulas_as_text(tree, unit_types, admin, positions):
    for i, payload in enumerate(FORMULAS):
        unit = unit_services.unit_create(actor=admin, parent=tree.khuong_mai, unit_type=unit_types["area"],
                                         name=f"{payload} {i}", note=payload)
        person = people_services.person_create(actor=admin, unit=unit, full_name=f"{payload} Lê {i}", note=payload,
                                               affiliation=payload, title=payload[:60])
        people_services.assignment_create(actor=admin, person=person, position=positions["UVTT"], unit=unit,
                                          note=payload)
    for kind in Kind:
        data = export_selectors.export_file(admin, kind)
        assert assert_no_formula(data) >= len(FORMULAS), kind


@pytest.mark.django_db
def test_poll_workbooks_keep_formulas_as_text(tree, admin):
    now = timezone.now()
    poll = poll_services.poll_create(actor=admin, unit=tree.district, title=FORMULAS[0],
                                     opens_at=now - dt.timedelta(days=1), closes_at=now + dt.timedelta(days=1))
    group = poll_services.group_add(actor=admin, poll=poll, name=FORMULAS[1])
    for payload in FORMULAS:
        poll_services.option_add(actor=admin, group=group, name=payload)
    batch = poll_services.codes_generate(actor=admin, poll=poll, area=tree.km_area, count=2)
    assert assert_no_formula(poll_exports.codes_workbook(batch, batch.codes.all())) >= 2
    results = poll_selectors.poll_results(poll)
    assert assert_no_formula(poll_exports.results_workbook(results, [])) >= len(FORMULAS)


def test_every_workbook_writer_goes_through_safe_cell():
    """A module that builds workbooks must write its cells through core.spreadsheets.safe_cell, so that
    a new export is formula-safe without anyone remembering (the tests above check the existing ones)."""
    offenders = []
    for path in (ROOT / "doanket").rglob("*.py"):
        if "/tests/" in str(path) or "/migrations/" in str(path):
            continue
        source = path.read_text(encoding="utf-8")
        if "Workbook(" not in source:
            continue
        names = {n.id for n in ast.walk(ast.parse(source)) if isinstance(n, ast.Name)}
        names |= {n.attr for n in ast.walk(ast.parse(source)) if isinstance(n, ast.Attribute)}
        if "safe_cell" not in names and path.name != "writing.py":
            offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []


# --- Uploads ------------------------------------------------------------------------------------------

def zip_bomb(expanded_mb: int = 250) -> bytes:
    """A small .xlsx whose sheet XML expands to `expanded_mb` MB (deflate makes runs of zeros ~1000x smaller)."""
    good = build_xlsx(headers(Kind.PEOPLE), [["", "Lê Văn Tám"]])
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(good)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            if item.filename == "xl/worksheets/sheet1.xml":
                info = zipfile.ZipInfo(item.filename)
                info.compress_type = zipfile.ZIP_DEFLATED
                with dst.open(info, "w", force_zip64=True) as fh:
                    fh.write(b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/'
                             b'spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>')
                    block = b"0" * (1024 * 1024)
                    for _ in range(expanded_mb):
                        fh.write(block)
                    fh.write(b"</t></is></c></row></sheetData></worksheet>")
            else:
                dst.writestr(item, src.read(item.filename))
    return out.getvalue()


@pytest.fixture(scope="module")
def bomb() -> bytes:
    return zip_bomb()


def test_zip_bomb_is_refused_quickly(bomb, settings):
    assert len(bomb) < 2 * 1024 * 1024  # a small file…
    with zipfile.ZipFile(io.BytesIO(bomb)) as z:
        assert sum(i.file_size for i in z.infolist()) > 200 * 1024 * 1024  # …that expands beyond 200 MB
    started = time.monotonic()
    with pytest.raises(ImportRejected) as exc:
        read_sheet(bomb, Kind.PEOPLE)
    assert time.monotonic() - started < 2
    assert "quá lớn" in exc.value.errors[0].message


@pytest.mark.django_db
def test_zip_bomb_upload_answers_with_a_message_not_an_error(bomb, users, client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from doanket.people.models import Person

    client.force_login(users.district)
    before = Person.objects.count()
    resp = client.post("/quan-ly/nhap-xuat/nhap/", {"kind": "nguoi", "file": SimpleUploadedFile("bom.xlsx", bomb)})
    # The import page again, naming the reason — not a redirect to "imported", not a 500.
    assert resp.status_code == 200
    body = resp.content.decode()
    assert "quá lớn" in body and "bom.xlsx" in body
    assert Person.objects.count() == before


def test_type_is_checked_by_content_not_name():
    with pytest.raises(ImportRejected):
        read_sheet(b"%PDF-1.4 not a workbook", Kind.PEOPLE)
    with pytest.raises(ImportRejected):
        read_sheet(b"PK\x03\x04 truncated zip", Kind.PEOPLE)
    # A real zip that is not a workbook.
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("hello.txt", "xin chào")
    with pytest.raises(ImportRejected):
        read_sheet(buffer.getvalue(), Kind.PEOPLE)


def test_size_limit(settings):
    settings.IMPORT_MAX_BYTES = 1000
    with pytest.raises(ImportRejected) as exc:
        read_sheet(build_xlsx(headers(Kind.PEOPLE), [["", "Lê Văn Tám"]] * 50), Kind.PEOPLE)
    assert "giới hạn" in exc.value.errors[0].message


def test_archive_limits():
    many = io.BytesIO()
    with zipfile.ZipFile(many, "w") as z:
        for i in range(30):
            z.writestr(f"f{i}.xml", "x")
    with pytest.raises(UnsafeArchive):
        check_office_zip(many.getvalue(), max_members=20)
    check_office_zip(build_xlsx(headers(Kind.PEOPLE), [["", "Lê Văn Tám"]]))  # a real workbook passes


@pytest.mark.django_db
def test_news_images_are_stored_under_media_with_random_names(tree, admin, settings, tmp_path, reference_data):
    from doanket.news import services as news_services
    from doanket.news.models import Category
    from doanket.news.tests.conftest import image_bytes

    settings.MEDIA_ROOT = tmp_path / "media"
    article = news_services.article_create(actor=admin, unit=tree.district, title="Ảnh", body="x",
                                           categories=list(Category.objects.all()[:1]))
    upload = image_bytes(size=(100, 80))
    upload.name = "Nguyen Van A CCCD 001080000123.jpg"
    image = news_services.article_image_add(actor=admin, article=article, upload=upload, alt="ảnh")
    stored = Path(image.image.path)
    assert stored.is_relative_to(tmp_path / "media") and stored.exists()
    assert "001080000123" not in image.image.name and "Nguyen" not in image.image.name
    assert not stored.is_relative_to(ROOT / "doanket" / "static")
    # A file that is not an image is refused whatever its name says.
    fake = io.BytesIO(b"<?php echo 1; ?>")
    fake.name = "anh.jpg"
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        news_services.article_image_add(actor=admin, article=article, upload=fake, alt="giả")
