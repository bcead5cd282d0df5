"""Uploaded images: checked by their content (not their name), resized, re-encoded without metadata."""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass
from typing import IO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

ACCEPTED_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}
# A decoded image larger than this is refused before it is resized (decompression bombs).
MAX_PIXELS = 40_000_000


@dataclass
class PreparedImage:
    content: ContentFile
    name: str
    width: int
    height: int


def _limits() -> tuple[int, int]:
    return (int(getattr(settings, "NEWS_IMAGE_MAX_BYTES", 10 * 1024 * 1024)),
            int(getattr(settings, "NEWS_IMAGE_MAX_WIDTH", 1600)))


def prepare_image(upload: IO[bytes], *, field: str = "image") -> PreparedImage:
    """Verify an upload is a real image of an accepted kind and size, then resize it to the maximum width
    and re-encode it (JPEG, or PNG when it has transparency). Re-encoding drops EXIF data such as the GPS
    position a phone writes into photos. Raises ValidationError on `field` with what to do."""
    max_bytes, max_width = _limits()
    size = getattr(upload, "size", None)
    if size is None:
        upload.seek(0, io.SEEK_END)
        size = upload.tell()
    upload.seek(0)
    if size > max_bytes:
        raise ValidationError({field: [_("Ảnh quá lớn (%(size)s MB); hãy chọn ảnh nhỏ hơn %(max)s MB.") % {
            "size": f"{size / 1024 / 1024:.1f}".replace(".", ","), "max": max_bytes // (1024 * 1024)}]})
    data = upload.read()
    not_an_image = ValidationError({field: [_("Tệp này không phải là ảnh (JPEG, PNG, WebP hoặc GIF). "
                                              "Hãy chọn một tệp ảnh.")]})
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as probe:
                kind = probe.format
                probe.verify()  # checks the file's structure without decoding it all
            image: Image.Image = Image.open(io.BytesIO(data))
            if image.width * image.height > MAX_PIXELS:
                raise ValidationError({field: [_("Ảnh có kích thước điểm ảnh quá lớn; hãy thu nhỏ ảnh rồi tải lên lại.")]})
            image.load()
    except ValidationError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError,
            Image.DecompressionBombWarning) as exc:
        raise not_an_image from exc
    if kind not in ACCEPTED_FORMATS:
        raise not_an_image
    image = ImageOps.exif_transpose(image)
    if image.width > max_width:
        height = max(1, round(image.height * max_width / image.width))
        image = image.resize((max_width, height), Image.Resampling.LANCZOS)
    has_alpha = image.mode in ("RGBA", "LA") or (image.mode == "P" and "transparency" in image.info)
    out = io.BytesIO()
    if has_alpha:
        image.convert("RGBA").save(out, format="PNG", optimize=True)
        suffix = ".png"
    else:
        image.convert("RGB").save(out, format="JPEG", quality=85, optimize=True, progressive=True)
        suffix = ".jpg"
    return PreparedImage(content=ContentFile(out.getvalue()), name=f"image{suffix}", width=image.width,
                         height=image.height)
