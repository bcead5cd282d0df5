"""Helpers for the import/export tests: workbooks built with openpyxl, as a user would make them."""

from __future__ import annotations

import io
from collections.abc import Iterable
from typing import Any

import openpyxl

from doanket.importexport.columns import COLUMNS, Kind


def build_xlsx(headers: Iterable[str], rows: Iterable[Iterable[Any]], *, sheet: str = "Dữ liệu") -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet
    ws.append(list(headers))
    for row in rows:
        ws.append(list(row))
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def read_xlsx(data: bytes) -> list[list[Any]]:
    """Rows of the first sheet (the data sheet), header included."""
    wb = openpyxl.load_workbook(io.BytesIO(data))
    return [list(r) for r in wb.worksheets[0].iter_rows(values_only=True)]


def as_dicts(data: bytes) -> list[dict[str, Any]]:
    rows = read_xlsx(data)
    return [dict(zip(rows[0], r, strict=False)) for r in rows[1:]]


def headers(kind: Kind) -> list[str]:
    return [c.header for c in COLUMNS[kind]]

