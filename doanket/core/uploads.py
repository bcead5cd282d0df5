"""Checks every uploaded office file goes through before it is parsed.

.xlsx and .docx files are zip archives. A "zip bomb" is a small archive whose members expand to
gigabytes; openpyxl or python-docx would fill the memory trying to read it. The archive's directory
says how large each member is, and Python's zipfile never reads past that size (a member that lies
fails its checksum), so checking the directory before opening anything is enough."""

from __future__ import annotations

import io
import zipfile

from django.conf import settings
from django.utils.translation import gettext as _

ZIP_MAGIC = b"PK\x03\x04"
# Members this small cannot make a bomb, whatever their compression ratio.
_RATIO_FLOOR = 1024 * 1024


class UnsafeArchive(ValueError):
    """The file is not a usable zip archive, or would expand too much; the message says why, in Vietnamese."""


class BrokenArchive(UnsafeArchive):
    """Not a zip archive, or a damaged one (the caller may word this for its own file type)."""


def check_office_zip(data: bytes, *, max_uncompressed: int | None = None, max_members: int | None = None,
                     max_ratio: int | None = None) -> None:
    """Refuse an office file (.xlsx, .docx) that is not a zip archive or would expand beyond the limits
    (`UPLOAD_MAX_UNCOMPRESSED_BYTES` in total, `UPLOAD_MAX_ZIP_RATIO` for any one large member,
    `UPLOAD_MAX_ZIP_MEMBERS` members). Reads only the archive's directory: fast whatever it claims."""
    max_uncompressed = max_uncompressed or settings.UPLOAD_MAX_UNCOMPRESSED_BYTES
    max_members = max_members or settings.UPLOAD_MAX_ZIP_MEMBERS
    max_ratio = max_ratio or settings.UPLOAD_MAX_ZIP_RATIO
    if not data.startswith(ZIP_MAGIC):
        raise BrokenArchive(_("Tệp không đúng định dạng (không phải tệp Office .xlsx/.docx)."))
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise BrokenArchive(_("Tệp bị hỏng hoặc không đúng định dạng.")) from exc
    too_big = UnsafeArchive(_("Tệp giải nén ra quá lớn (giới hạn %(limit)s MB); có thể là tệp độc hại. Hãy lưu lại "
                              "bằng Excel hoặc Word rồi tải lên lại.") % {"limit": max_uncompressed // (1024 * 1024)})
    if len(members) > max_members:
        raise too_big
    total = 0
    for member in members:
        total += member.file_size
        if total > max_uncompressed:
            raise too_big
        if member.file_size > _RATIO_FLOOR and member.file_size > max_ratio * max(member.compress_size, 1):
            raise too_big
