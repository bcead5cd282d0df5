"""Reading an uploaded workbook: file checks, header matching, and cell parsing with row errors.

Nothing here touches the database. Every problem becomes a RowError naming the Excel row, the
column header and the reason, so that the whole file can be reported at once.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import unicodedata
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import openpyxl
from django.conf import settings
from django.utils.translation import gettext as _
from openpyxl.utils.exceptions import InvalidFileException

from doanket.core.text import fold, normalize_text
from doanket.core.uploads import BrokenArchive, UnsafeArchive, check_office_zip

from .columns import COLUMNS, DATE_FORMAT_TEXT, GUIDE_SHEET, MASK_CHAR, Column, Kind

ZIP_MAGIC = b"PK\x03\x04"
_DATE_TEXT = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_INT_TEXT = re.compile(r"^\d+$")
MAX_ROWS = 200_000


@dataclass(frozen=True)
class RowError:
    """One problem: Excel row number (0 = the whole file), column header ("" = the whole row), reason."""

    row: int
    column: str
    message: str


class ImportRejected(Exception):
    """The file was not imported; `errors` says why, row by row."""

    def __init__(self, errors: list[RowError]) -> None:
        super().__init__(f"{len(errors)} error(s)")
        self.errors = errors


@dataclass
class ImportResult:
    kind: Kind
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged


def file_error(message: str) -> ImportRejected:
    return ImportRejected([RowError(0, "", message)])


def _header_key(value: Any) -> str:
    return fold(str(value)) if value is not None else ""


@dataclass
class SheetData:
    kind: Kind
    present: set[str]
    rows: list[tuple[int, dict[str, Any]]] = field(default_factory=list)


def read_sheet(data: bytes, kind: Kind) -> SheetData:
    """Open the workbook and return its data rows keyed by column, or raise ImportRejected."""
    limit = settings.IMPORT_MAX_BYTES
    if limit and len(data) > limit:
        raise file_error(_("Tệp lớn hơn giới hạn cho phép (%(limit)s MB).") % {"limit": f"{limit / 1024 / 1024:g}"})
    if not data:
        raise file_error(_("Tệp rỗng."))
    if not data.startswith(ZIP_MAGIC):
        raise file_error(_("Tệp không phải là tệp Excel .xlsx."))
    try:
        check_office_zip(data)  # a zip bomb is refused before openpyxl expands anything
    except BrokenArchive:
        raise file_error(_broken_message()) from None
    except UnsafeArchive as exc:
        raise file_error(str(exc)) from None
    try:
        wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except _BROKEN:
        raise file_error(_broken_message()) from None
    try:
        sheets = [ws for ws in wb.worksheets if normalize_text(ws.title) != GUIDE_SHEET]
        if not sheets:
            raise file_error(_("Tệp không có trang dữ liệu."))
        return _read_rows(_guarded(sheets[0].iter_rows(values_only=True)), kind)
    finally:
        wb.close()


# What openpyxl raises on a zip that is not a workbook, or a workbook with damaged parts.
_BROKEN = (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, OSError, TypeError, IndexError,
           AttributeError, SyntaxError)


def _guarded(rows: Iterator[tuple[Any, ...]]) -> Iterator[tuple[Any, ...]]:
    """Rows as openpyxl streams them; a damaged sheet part becomes a file error, and so does a sheet
    with more rows than any real list of units or people (a zip bomb made of empty rows)."""
    try:
        for count, row in enumerate(rows):
            if count > MAX_ROWS:
                raise file_error(_("Tệp có quá nhiều dòng (tối đa %(max)d).") % {"max": MAX_ROWS})
            yield row
    except _BROKEN:
        raise file_error(_broken_message()) from None


def _broken_message() -> str:
    return _("Tệp không phải là tệp Excel .xlsx hợp lệ hoặc đã bị hỏng.")


def _header_positions(header_row: tuple[Any, ...] | None, kind: Kind) -> dict[str, int]:
    """Where each known column is (extra columns are allowed and ignored); ImportRejected when row 1 is
    empty, a column repeats or a required one is missing."""
    if header_row is None or all(v is None or str(v).strip() == "" for v in header_row):
        raise file_error(_("Tệp rỗng: dòng 1 phải là dòng tiêu đề cột."))
    columns = COLUMNS[kind]
    by_header = {_header_key(c.header): c for c in columns}
    positions: dict[str, int] = {}
    errors: list[RowError] = []
    for index, value in enumerate(header_row):
        col = by_header.get(_header_key(value))
        if col is None:
            continue
        if col.key in positions:
            errors.append(RowError(1, col.header, _("Cột bị lặp lại.")))
        positions[col.key] = index
    errors += [RowError(1, col.header, _("Thiếu cột bắt buộc “%(column)s”.") % {"column": col.header})
               for col in columns if col.header_required and col.key not in positions]
    if kind == Kind.ASSIGNMENTS and "person_pk" not in positions and "id_number" not in positions:
        errors.append(RowError(1, "Mã người", _("Cần cột “Mã người” hoặc cột “Số định danh cá nhân”.")))
    if errors:
        raise ImportRejected(errors)
    return positions


def _read_rows(rows: Iterator[tuple[Any, ...]], kind: Kind) -> SheetData:
    positions = _header_positions(next(rows, None), kind)
    sheet = SheetData(kind=kind, present=set(positions))
    for number, values in enumerate(rows, start=2):
        if not values or all(v is None or (isinstance(v, str) and not v.strip()) for v in values):
            continue
        sheet.rows.append((number, {key: values[i] if i < len(values) else None for key, i in positions.items()}))
    if not sheet.rows:
        raise file_error(_("Tệp không có dòng dữ liệu nào."))
    return sheet


def clean_multiline(value: str) -> str:
    """Notes keep their line breaks; each line is normalised."""
    lines = [normalize_text(line) for line in unicodedata.normalize("NFC", value).splitlines()]
    return "\n".join(lines).strip()


def cell_text(value: Any, *, multiline: bool = False) -> str:
    """A cell as normalised text (NFC, spaces); whole numbers lose Excel's ".0"."""
    if value is None:
        text = ""
    elif isinstance(value, float) and value.is_integer():
        text = str(int(value))
    elif isinstance(value, dt.datetime | dt.date):
        text = value.strftime("%d/%m/%Y")
    else:
        text = str(value)
    return clean_multiline(text) if multiline else normalize_text(text)


class RowReader:
    """Parses one row's cells; problems are added to the shared error list."""

    def __init__(self, kind: Kind, number: int, values: dict[str, Any], present: set[str],
                 errors: list[RowError]) -> None:
        self.kind = kind
        self.number = number
        self.values = values
        self.present_keys = present
        self.errors = errors
        self.ok = True
        self._columns: dict[str, Column] = {c.key: c for c in COLUMNS[kind]}

    def header(self, key: str) -> str:
        return self._columns[key].header

    def error(self, key: str, message: str) -> None:
        self.ok = False
        self.errors.append(RowError(self.number, self.header(key) if key else "", message))

    def present(self, key: str) -> bool:
        return key in self.present_keys

    def raw(self, key: str) -> Any:
        return self.values.get(key)

    def text(self, key: str, *, required: bool = False, max_length: int | None = None,
             multiline: bool = False) -> str:
        text = cell_text(self.raw(key), multiline=multiline)
        if required and not text:
            self.error(key, _("Không được để trống."))
        elif max_length is not None and len(text) > max_length:
            self.error(key, _("Dài quá %(max)d ký tự.") % {"max": max_length})
        return text

    def date(self, key: str) -> dt.date | None:
        value = self.raw(key)
        if value is None:
            return None
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        if isinstance(value, str):
            text = normalize_text(value)
            if not text:
                return None
            match = _DATE_TEXT.match(text)
            if match:
                day, month, year = (int(g) for g in match.groups())
                try:
                    return dt.date(year, month, day)
                except ValueError:
                    self.error(key, _("Ngày “%(value)s” không tồn tại.") % {"value": text})
                    return None
            self.error(key, _("Ngày “%(value)s” không đúng dạng %(format)s.") % {"value": text,
                                                                                 "format": DATE_FORMAT_TEXT})
            return None
        self.error(key, _("Ngày “%(value)s” không đúng dạng %(format)s.") % {"value": value,
                                                                             "format": DATE_FORMAT_TEXT})
        return None

    def integer(self, key: str, *, minimum: int | None = None, maximum: int | None = None) -> int | None:
        value = self.raw(key)
        if value is None:
            return None
        if isinstance(value, bool):
            self.error(key, _("Phải là một số nguyên."))
            return None
        if isinstance(value, int):
            number = value
        elif isinstance(value, float) and value.is_integer():
            number = int(value)
        else:
            text = normalize_text(str(value))
            if not text:
                return None
            if not _INT_TEXT.match(text):
                self.error(key, _("“%(value)s” không phải là một số nguyên.") % {"value": text})
                return None
            number = int(text)
        if (minimum is not None and number < minimum) or (maximum is not None and number > maximum):
            self.error(key, _("Phải trong khoảng %(min)d–%(max)d.") % {"min": minimum or 0, "max": maximum or 0})
            return None
        return number

    def digits(self, key: str, *, pad_numeric_to: int = 0, phone: bool = False) -> str:
        """Phone and ID numbers: a cell Excel turned into a number lost its leading zeros; put them back
        (ID numbers have 12 digits; a 9- or 10-digit phone number starts with 0 inside Vietnam)."""
        value = self.raw(key)
        if isinstance(value, int | float) and not isinstance(value, bool):
            if isinstance(value, float) and not value.is_integer():
                self.error(key, _("Chỉ được chứa chữ số."))
                return ""
            text = str(int(value))
            if phone and len(text) in (9, 10):
                return "0" + text
            return text.zfill(pad_numeric_to) if pad_numeric_to else text
        return self.text(key)

    @staticmethod
    def is_masked(value: str) -> bool:
        return MASK_CHAR in value
