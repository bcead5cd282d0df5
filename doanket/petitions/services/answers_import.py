"""Answers received on paper in bulk (an authority's summary table), imported from an .xlsx file: one row
per petition with its tracking code, the answer and the date it was received.

All or nothing: every row is checked first (the petition is in the importer's reach and may be answered,
the text and the date are sound); any problem is reported by row and column and nothing is written. Only
then are the answers recorded, each as if entered by hand (timeline, history, e-mail to the author)."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from dataclasses import dataclass
from typing import Any

import openpyxl
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl.utils.exceptions import InvalidFileException

from doanket.accounts.models import User
from doanket.accounts.selectors import user_reach
from doanket.core.text import normalize_text
from doanket.core.uploads import UnsafeArchive, check_office_zip
from doanket.importexport.writing import safe_cell

from ..models import Petition, Status
from ..permissions import PetitionPerm
from ._common import normalize_code, today
from .handling import WORKING, petition_answer

HEADERS = ("Mã tra cứu", "Nội dung trả lời", "Ngày nhận trả lời")
MAX_ROWS = 5000
MAX_BYTES = 10 * 1024 * 1024
ANSWERABLE = (*WORKING, Status.FORWARDED, Status.AWAITING)
_BROKEN = (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, OSError, TypeError, IndexError)


@dataclass
class Row:
    number: int
    petition: Petition
    text: str
    day: dt.date


def template_workbook() -> bytes:
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("Trả lời")
    for row in (list(HEADERS), ["ABCD-EFGH-JK", "UBND phường đã kiểm tra và xử lý …", today().strftime("%d/%m/%Y")]):
        ws.append([safe_cell(ws, value) for value in row])
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = normalize_text(str(value or ""))
    for fmt in ("%d/%m/%Y", "%d/%m/%y", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def _rows(data: bytes) -> list[tuple[int, tuple[Any, ...]]]:
    file_error = ValidationError(_("Tệp không phải là tệp Excel .xlsx hợp lệ hoặc đã bị hỏng."))
    if not data:
        raise ValidationError(_("Tệp rỗng."))
    if len(data) > MAX_BYTES:
        raise ValidationError(_("Tệp lớn hơn giới hạn cho phép (%(limit)s MB).") % {"limit": MAX_BYTES // (1024 * 1024)})
    try:
        check_office_zip(data)  # a zip bomb is refused before openpyxl expands anything
    except UnsafeArchive as exc:
        raise file_error from exc
    try:
        wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            rows = []
            for number, values in enumerate(wb.worksheets[0].iter_rows(values_only=True), start=1):
                if number > MAX_ROWS + 1:
                    raise ValidationError(_("Tệp có quá nhiều dòng (tối đa %(max)d).") % {"max": MAX_ROWS})
                rows.append((number, tuple(values)))
            return rows
        finally:
            wb.close()
    except _BROKEN as exc:
        raise file_error from exc


@transaction.atomic
def answers_import(*, actor: User | None, data: bytes) -> int:  # noqa: C901 — one pass over the rows, one check per column, each with its own row message
    """Record the answers of the file; returns how many. ValidationError lists every bad row."""
    rows = _rows(data)
    if not rows or [normalize_text(str(v or "")) for v in rows[0][1][:3]] != list(HEADERS):
        raise ValidationError(_("Dòng 1 phải là tiêu đề các cột: %(cols)s.") % {"cols": ", ".join(HEADERS)})
    reach = user_reach(actor, PetitionPerm.HANDLE) if actor is not None else None
    errors: list[str] = []
    good: list[Row] = []
    seen: set[str] = set()

    def bad(number: int, column: str, message: str) -> None:
        errors.append(_("Dòng %(row)s, cột “%(col)s”: %(msg)s") % {"row": number, "col": column, "msg": message})

    data_rows = [(n, v) for n, v in rows[1:] if any(x not in (None, "") for x in v)]
    codes = {normalize_code(str(v[0] or "")) for _n, v in data_rows if v}
    petitions = {p.code: p for p in Petition.objects.filter(code__in=codes).select_related("unit")}
    for number, values in data_rows:
        values = (*values, None, None, None)
        code, text, day = normalize_code(str(values[0] or "")), str(values[1] or "").strip(), _date(values[2])
        petition = petitions.get(code)
        if petition is None or (reach is not None and not reach.covers(petition.unit.path)):
            bad(number, HEADERS[0], _("không tìm thấy phản ánh có mã này trong phạm vi bạn được xử lý."))
            continue
        if code in seen:
            bad(number, HEADERS[0], _("mã bị lặp lại trong tệp."))
            continue
        seen.add(code)
        if petition.status not in ANSWERABLE:
            bad(number, HEADERS[0], _("phản ánh đang ở trạng thái “%(s)s”, không ghi được trả lời.") % {
                "s": petition.get_status_display()})
        if len(text) < 10:
            bad(number, HEADERS[1], _("hãy nhập nội dung trả lời."))
        if day is None:
            bad(number, HEADERS[2], _("ngày không hợp lệ; hãy ghi theo dạng dd/mm/yyyy."))
        elif day > today() or (petition.forwarded_on and day < petition.forwarded_on):
            bad(number, HEADERS[2], _("ngày phải từ ngày chuyển cơ quan đến hôm nay."))
        if day is not None:
            good.append(Row(number, petition, text, day))
    if not data_rows:
        errors.append(_("Tệp không có dòng dữ liệu nào."))
    if errors:
        raise ValidationError(errors)
    for row in good:
        petition_answer(actor=actor, petition=row.petition, answer_text=row.text, answer_on=row.day)
    return len(good)
