import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from docx import Document
from PIL import Image

from doanket.events import services
from doanket.events.models import Material

pytestmark = pytest.mark.django_db

PPTX_TYPES = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
              'content-types"><Override PartName="/ppt/presentation.xml" ContentType="application/vnd.openxmlformats-'
              'officedocument.presentationml.presentation.main+xml"/></Types>')


def pdf_bytes() -> bytes:
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    c = canvas.Canvas(buffer)
    c.drawString(100, 700, "Tai lieu")
    c.save()
    return buffer.getvalue()


def image_bytes(fmt: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "red").save(buffer, fmt)
    return buffer.getvalue()


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    doc = Document()
    doc.add_paragraph("Đề cương tập huấn")
    doc.save(buffer)
    return buffer.getvalue()


def zip_bytes(entries: dict[str, bytes | str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
    return buffer.getvalue()


def pptx_bytes() -> bytes:
    return zip_bytes({"[Content_Types].xml": PPTX_TYPES, "ppt/presentation.xml": "<p:presentation/>"})


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)


def stored_files(media) -> list:
    root = media / "events"
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


@pytest.mark.parametrize(("name", "maker", "kind"), [
    ("Đề cương.pdf", pdf_bytes, "pdf"),
    ("Bài giảng.docx", docx_bytes, "docx"),
    ("Trình chiếu.pptx", pptx_bytes, "pptx"),
    ("Ảnh hội nghị.jpg", lambda: image_bytes("JPEG"), "jpeg"),
    ("Sơ đồ.PNG", lambda: image_bytes("PNG"), "png"),
])
def test_allowed_files_are_stored_under_a_random_name(seed_event, users, media, name, maker, kind):
    data = maker()
    m = services.material_upload(actor=users.district, event=seed_event.event, upload=upload(name, data))
    assert (m.kind, m.original_name, m.size) == (kind, name, len(data))
    assert m.file.name.startswith("events/materials/") and name not in m.file.name
    assert (media / m.file.name).read_bytes() == data
    assert m.history.get().history_user == users.district


@pytest.mark.parametrize(("name", "data", "message"), [
    ("virus.exe", b"MZ\x90\x00", "Chỉ nhận tệp PDF"),
    ("ghi-chu.txt", b"hello", "Chỉ nhận tệp PDF"),
    ("gia.pdf", b"<html>not a pdf</html>", "không phải là tệp PDF thật"),
    ("anh.pdf", image_bytes("PNG"), "không phải là tệp PDF thật"),  # content and name disagree
    ("bai.pptx", docx_bytes(), "không phải là tệp PPTX thật"),
    ("bai.docx", zip_bytes({"word/document.xml": "<w/>"}), "không phải là tệp DOCX thật"),  # no [Content_Types].xml
    ("hong.docx", b"PK\x03\x04broken", "không phải là tệp DOCX thật"),
    ("hong.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "không phải là tệp PNG thật"),
    ("rong.pdf", b"", "Tệp rỗng"),
])
def test_wrong_or_fake_files_are_refused_and_nothing_is_written(seed_event, users, media, name, data, message):
    with pytest.raises(ValidationError) as exc:
        services.material_upload(actor=users.district, event=seed_event.event, upload=upload(name, data))
    assert message in " ".join(exc.value.messages)
    assert not Material.objects.exists() and stored_files(media) == []


def test_oversized_files_are_refused(seed_event, users, media, settings):
    settings.DOANKET_EVENT_MATERIAL_MAX_BYTES = 1024
    with pytest.raises(ValidationError) as exc:
        services.material_upload(actor=users.district, event=seed_event.event,
                                 upload=upload("lon.pdf", b"%PDF-1.4\n" + b"0" * 5000))
    assert "vượt giới hạn" in " ".join(exc.value.messages)
    assert not Material.objects.exists() and stored_files(media) == []


def test_zip_bombs_are_refused_without_unpacking(seed_event, users, media, settings):
    settings.DOANKET_EVENT_MATERIAL_MAX_UNZIPPED_BYTES = 1024 * 1024
    bomb = zip_bytes({"[Content_Types].xml": PPTX_TYPES, "ppt/presentation.xml": "<p/>",
                      "ppt/media/zeros.bin": b"\x00" * (3 * 1024 * 1024)})
    assert len(bomb) < 20_000  # a few kilobytes that unpack to megabytes
    with pytest.raises(ValidationError) as exc:
        services.material_upload(actor=users.district, event=seed_event.event, upload=upload("bom.pptx", bomb))
    assert "bom nén" in " ".join(exc.value.messages)
    assert not Material.objects.exists()


def test_a_ward_cannot_upload_to_the_districts_event(seed_event, users, media):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.material_upload(actor=users.ward, event=seed_event.event, upload=upload("a.pdf", pdf_bytes()))


def test_delete_removes_the_file_after_commit(seed_event, users, media, django_capture_on_commit_callbacks):
    m = services.material_upload(actor=users.district, event=seed_event.event, upload=upload("a.pdf", pdf_bytes()))
    path = media / m.file.name
    with django_capture_on_commit_callbacks(execute=True):
        services.material_delete(actor=users.district, material=m)
    assert not path.exists() and not Material.objects.exists()
