"""Materials of an event (PDF, DOCX, PPTX, JPEG, PNG), checked by their content, not their name.

A file is accepted only when its bytes are what its name says: PDF and images by their signature
(images also decoded by Pillow), Word and PowerPoint files by the parts their zip must hold. Zip
archives that claim an unreasonable unpacked size or number of parts (zip bombs) are refused
without unpacking them. Files are stored under MEDIA_ROOT with a random name and served only
through the event's page, to users who may see the event.
"""

from __future__ import annotations

import os
import zipfile
from typing import IO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.utils.translation import gettext as _
from PIL import Image

from doanket.accounts.models import User
from doanket.core.services import as_actor, validate_and_save
from doanket.core.text import normalize_text
from doanket.events.permissions import EventPerm

from ..models import Event, Material, MaterialKind
from ..selectors import require_event
from ._common import require_open_plan

EXTENSIONS = {".pdf": MaterialKind.PDF, ".docx": MaterialKind.DOCX, ".pptx": MaterialKind.PPTX,
              ".jpg": MaterialKind.JPEG, ".jpeg": MaterialKind.JPEG, ".png": MaterialKind.PNG}
CONTENT_TYPES = {
    MaterialKind.PDF: "application/pdf",
    MaterialKind.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    MaterialKind.PPTX: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    MaterialKind.JPEG: "image/jpeg",
    MaterialKind.PNG: "image/png",
}
# (main part that must exist, content type the package must declare for it)
OOXML_MAIN = {
    MaterialKind.DOCX: ("word/document.xml",
                        "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"),
    MaterialKind.PPTX: ("ppt/presentation.xml",
                        "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"),
}
MAX_ZIP_ENTRIES = 5000
MAX_IMAGE_PIXELS = 60_000_000
MB = 1024 * 1024


def max_bytes() -> int:
    return int(getattr(settings, "DOANKET_EVENT_MATERIAL_MAX_BYTES", 20 * MB))


def max_unzipped_bytes() -> int:
    return int(getattr(settings, "DOANKET_EVENT_MATERIAL_MAX_UNZIPPED_BYTES", 200 * MB))


def _mb(n: int) -> str:
    return f"{n / MB:.1f}".replace(".", ",")


def _not_allowed() -> ValidationError:
    return ValidationError({"file": [_("Chỉ nhận tệp PDF, Word (DOCX), PowerPoint (PPTX) hoặc ảnh JPEG, PNG.")]})


def _fake(ext: str) -> ValidationError:
    return ValidationError({"file": [_("Nội dung tệp không phải là tệp %(ext)s thật (có thể đã bị đổi tên hoặc hỏng); "
                                       "không lưu.") % {"ext": ext.lstrip(".").upper()}]})


def _ooxml_kind(f: IO[bytes], ext: str) -> str:
    try:
        zf = zipfile.ZipFile(f)
    except (zipfile.BadZipFile, OSError):
        raise _fake(ext) from None
    with zf:
        infos = zf.infolist()
        if len(infos) > MAX_ZIP_ENTRIES or sum(i.file_size for i in infos) > max_unzipped_bytes():
            raise ValidationError({"file": [_("Tệp nén có kích thước giải nén bất thường (nghi “bom nén”); không lưu.")]})
        names = {i.filename for i in infos}
        ct = next((i for i in infos if i.filename == "[Content_Types].xml"), None)
        if ct is None or ct.file_size > MB:
            raise _fake(ext)
        try:
            with zf.open(ct) as part:
                declared = part.read(MB + 1).decode("utf-8", "replace")  # bounded, whatever the header says
        except (zipfile.BadZipFile, OSError, RuntimeError, EOFError):
            raise _fake(ext) from None
        for kind, (main, content_type) in OOXML_MAIN.items():
            if main in names and content_type in declared:
                return kind
    raise _fake(ext)


def _image_ok(f: IO[bytes]) -> bool:
    try:
        with Image.open(f) as img:
            if img.width * img.height > MAX_IMAGE_PIXELS:
                return False
            img.verify()
    except Exception:  # Pillow raises many kinds for broken data; any of them means "not an image"
        return False
    return True


def sniff(f: IO[bytes], name: str) -> str:
    """The material kind of an upload, from its bytes; refuses files whose content and name disagree."""
    ext = os.path.splitext(name or "")[1].lower()
    if ext not in EXTENSIONS:
        raise _not_allowed()
    f.seek(0)
    head = f.read(8)
    f.seek(0)
    if head.startswith(b"%PDF-"):
        kind = MaterialKind.PDF
    elif head.startswith(b"\x89PNG\r\n\x1a\n"):
        kind = MaterialKind.PNG
    elif head.startswith(b"\xff\xd8\xff"):
        kind = MaterialKind.JPEG
    elif head.startswith(b"PK\x03\x04"):
        kind = MaterialKind(_ooxml_kind(f, ext))
    else:
        raise _fake(ext)
    if kind != EXTENSIONS[ext]:
        raise _fake(ext)
    if kind in (MaterialKind.JPEG, MaterialKind.PNG):
        f.seek(0)
        if not _image_ok(f):
            raise _fake(ext)
    f.seek(0)
    return kind


@transaction.atomic
def material_upload(*, actor: User | None, event: Event, upload: File, title: str = "") -> Material:
    require_event(actor, event, EventPerm.MANAGE)
    require_open_plan(event)
    name = normalize_text(os.path.basename(upload.name or ""))[:255]
    size = upload.size or 0
    if size <= 0:
        raise ValidationError({"file": [_("Tệp rỗng.")]})
    if size > max_bytes():
        raise ValidationError({"file": [_("Tệp nặng %(size)s MB, vượt giới hạn %(max)s MB.")
                                        % {"size": _mb(size), "max": _mb(max_bytes())}]})
    kind = sniff(upload, name)
    material = Material(event=event, original_name=name, title=normalize_text(title), kind=kind, size=size,
                        uploaded_by=actor if actor is not None else None)
    material.file.save(name, upload, save=False)
    stored = material.file.name
    # The file is on disk before the row: if the row is not written, the file goes too.
    try:
        validate_and_save(material, actor)
    except Exception:
        material.file.storage.delete(stored)
        raise
    return material


@transaction.atomic
def material_delete(*, actor: User | None, material: Material) -> None:
    require_event(actor, material.event, EventPerm.MANAGE)
    require_open_plan(material.event)
    storage, name = material.file.storage, material.file.name
    as_actor(material, actor)
    material.delete()
    transaction.on_commit(lambda: storage.delete(name))


def content_type(material: Material) -> str:
    return CONTENT_TYPES.get(MaterialKind(material.kind), "application/octet-stream")
