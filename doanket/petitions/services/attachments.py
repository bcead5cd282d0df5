"""Files attached to petitions: photos (JPEG, PNG) and PDF, checked by their bytes, not their name.

Photos are decoded by Pillow and re-encoded: what is stored has no EXIF block, so the GPS position a
phone writes into a photo (often the citizen's home) is never kept nor served. The orientation EXIF
carried is applied to the pixels first, so the photo still stands upright. Full resolution is kept
(unlike the news images, which are resized for the web): a photo of a broken street light is evidence.
"""

from __future__ import annotations

import io
import os
import warnings
from dataclasses import dataclass
from typing import IO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from doanket.core.text import normalize_text

from ..models import Attachment, AttachmentKind, AttachmentRole, Petition

MB = 1024 * 1024
MAX_PIXELS = 50_000_000
IMAGE_KINDS = {"JPEG": AttachmentKind.JPEG, "PNG": AttachmentKind.PNG}
CONTENT_TYPES = {AttachmentKind.JPEG: "image/jpeg", AttachmentKind.PNG: "image/png", AttachmentKind.PDF: "application/pdf"}


def max_bytes() -> int:
    return int(getattr(settings, "PETITIONS_ATTACHMENT_MAX_BYTES", 10 * MB))


def max_files() -> int:
    return int(getattr(settings, "PETITIONS_ATTACHMENT_MAX_FILES", 5))


@dataclass
class CheckedFile:
    name: str
    kind: AttachmentKind
    data: bytes


def _mb(n: int) -> str:
    return f"{n / MB:.1f}".replace(".", ",")


def _reencode(data: bytes, name: str) -> tuple[bytes, AttachmentKind]:
    refused = ValidationError(_("Tệp “%(name)s” không phải ảnh JPEG/PNG hay tệp PDF hợp lệ.") % {"name": name})
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as probe:
                fmt = probe.format
                if probe.width * probe.height > MAX_PIXELS:
                    raise ValidationError(_("Ảnh “%(name)s” có kích thước điểm ảnh quá lớn; hãy thu nhỏ rồi gửi lại.")
                                          % {"name": name})
                probe.verify()
            image: Image.Image = Image.open(io.BytesIO(data))
            image.load()
    except ValidationError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError,
            Image.DecompressionBombWarning) as exc:
        raise refused from exc
    if fmt not in IMAGE_KINDS:
        raise refused
    image = ImageOps.exif_transpose(image)
    out = io.BytesIO()
    if fmt == "PNG":
        image.save(out, format="PNG", optimize=True)  # no exif= and no pnginfo: no metadata is written
    else:
        image.convert("RGB").save(out, format="JPEG", quality=90)
    return out.getvalue(), IMAGE_KINDS[fmt]


def check_file(upload: IO[bytes], name: str = "") -> CheckedFile:
    """A citizen's or cadre's file, verified: size first (without reading it all), then its content."""
    name = normalize_text(os.path.basename(name or getattr(upload, "name", "") or "tep"))[:200] or "tep"
    size = getattr(upload, "size", None)
    if size is None:
        upload.seek(0, io.SEEK_END)
        size = upload.tell()
    upload.seek(0)
    if size == 0:
        raise ValidationError(_("Tệp “%(name)s” rỗng.") % {"name": name})
    if size > max_bytes():
        raise ValidationError(_("Tệp “%(name)s” quá lớn (%(size)s MB); mỗi tệp tối đa %(max)s MB.") % {
            "name": name, "size": _mb(size), "max": _mb(max_bytes())})
    data = upload.read()
    if data.startswith(b"%PDF-"):
        if b"%%EOF" not in data[-2048:]:
            raise ValidationError(_("Tệp PDF “%(name)s” bị hỏng hoặc không đầy đủ.") % {"name": name})
        return CheckedFile(name=name, kind=AttachmentKind.PDF, data=data)
    data, kind = _reencode(data, name)
    stem = os.path.splitext(name)[0] or "anh"
    return CheckedFile(name=f"{stem}.{'png' if kind == AttachmentKind.PNG else 'jpg'}", kind=kind, data=data)


def check_files(uploads: list[IO[bytes]]) -> list[CheckedFile]:
    if len(uploads) > max_files():
        raise ValidationError({"attachments": [_("Chỉ gửi được tối đa %(n)s tệp.") % {"n": max_files()}]})
    checked = []
    for upload in uploads:
        try:
            checked.append(check_file(upload))
        except ValidationError as exc:
            raise ValidationError({"attachments": exc.messages}) from exc
    return checked


def store(petition: Petition, checked: CheckedFile, role: str = AttachmentRole.EVIDENCE) -> Attachment:
    attachment = Attachment(petition=petition, original_name=checked.name, kind=checked.kind, role=role,
                            size=len(checked.data))
    # A random stored name: the citizen's file name may carry personal data and is shown, not used as a path.
    ext = {"jpeg": "jpg", "png": "png", "pdf": "pdf"}[checked.kind]
    attachment.file.save(f"{os.urandom(12).hex()}.{ext}", ContentFile(checked.data), save=False)
    attachment.save()
    return attachment
