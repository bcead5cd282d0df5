"""One way to send a generated file (workbook, document, PDF) to the user who asked for it."""

from __future__ import annotations

from django.http import HttpResponse
from django.utils.http import content_disposition_header

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF = "application/pdf"


def download_response(content: bytes, filename: str, content_type: str = XLSX, *, inline: bool = False,
                      cache_control: str = "no-store") -> HttpResponse:
    """The file as an attachment (or inline, e.g. a PDF to print) named `filename` (Vietnamese names are encoded
    as RFC 6266 asks). `no-store` by default: what we generate holds names, ballot codes or contacts, which no
    browser or shared cache may keep; pass another `cache_control` only for a file that is public anyway."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(not inline, filename) or ""
    response["Cache-Control"] = cache_control
    return response
