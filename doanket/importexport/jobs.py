"""The spreadsheet import and export as long jobs: run by the queue's worker when one is configured
(doanket.core.jobs), in the request otherwise. Either way the result is the same JSON-like dict."""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import translation

from doanket.accounts.models import User
from doanket.core import jobs

from . import selectors, services
from .columns import Kind
from .forms import XLSX_MIME
from .reading import ImportRejected

MAX_ERRORS_SHOWN = 500
# Uploads waiting for the worker. Not under a public media path: serve only media/news/ to the web.
UPLOAD_DIR = "private/imports"


def run_import(actor: User, kind: Kind, data: bytes) -> dict[str, Any]:
    """Import one workbook; the outcome as a dict a template (or a queue) can carry."""
    try:
        result = services.import_file(actor=actor, kind=kind, data=data)
    except ImportRejected as exc:
        return {"ok": False, "kind": kind.value, "error_count": len(exc.errors),
                "errors": [{"row": e.row, "column": e.column, "message": str(e.message)}
                           for e in exc.errors[:MAX_ERRORS_SHOWN]]}
    return {"ok": True, "kind": kind.value, "created": result.created, "updated": result.updated,
            "unchanged": result.unchanged}


def store_upload(data: bytes) -> str:
    """Keep the uploaded bytes for the worker (on the shared storage: local disk or S3-compatible)."""
    return default_storage.save(f"{UPLOAD_DIR}/{secrets.token_hex(16)}.xlsx", ContentFile(data))


def import_job(user_id: int, kind: str, storage_name: str, language: str) -> dict[str, Any]:
    """The queue's job: read the stored upload, import it as the user who sent it, delete the upload."""
    try:
        user = jobs.active_user(user_id)
        with translation.override(language):
            if user is None:
                return {"ok": False, "kind": kind, "error_count": 1,
                        "errors": [{"row": 0, "column": "", "message": translation.gettext(
                            "Tài khoản đã bị khoá nên tệp không được nhập.")}]}
            with default_storage.open(storage_name, "rb") as fh:
                data = fh.read()
            return run_import(user, Kind(kind), data)
    finally:
        default_storage.delete(storage_name)


def export_filename(kind: Kind) -> str:
    return f"xuat-{kind.value}-{dt.date.today():%Y%m%d}.xlsx"


def export_job(user_id: int, kind: str, language: str) -> dict[str, Any]:
    """The queue's job: the user's export, made and logged as them, stored for them to download."""
    with translation.override(language):
        user = jobs.active_user(user_id)
        if user is None or not selectors.can_export(user):
            return jobs.file_refused(translation.gettext(
                "Tài khoản đã bị khoá hoặc không còn quyền xuất dữ liệu nên tệp không được tạo."))
        k = Kind(kind)
        # export_file logs the personal data it shows unmasked (PersonalDataAccess), as this user.
        return jobs.file_ready(selectors.export_file(user, k), export_filename(k), XLSX_MIME)
