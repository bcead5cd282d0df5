"""Writing spreadsheet cells safely: every workbook the platform makes goes through `safe_cell`."""

from __future__ import annotations

import datetime as dt
from typing import Any

from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

# Text starting with these is run as a formula by spreadsheet programs (CSV/formula injection).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(ws: WriteOnlyWorksheet, value: Any) -> Any:
    """A cell that is always shown as the value itself, never evaluated; dates shown dd/mm/yyyy."""
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
        if value.startswith(FORMULA_PREFIXES):
            cell = WriteOnlyCell(ws, value=value)
            cell.data_type = "s"  # a string cell, not a formula
            cell.quotePrefix = True  # and Excel keeps it text when the cell is edited
            return cell
        return value
    if isinstance(value, dt.date):
        cell = WriteOnlyCell(ws, value=value)
        cell.number_format = "DD/MM/YYYY"
        return cell
    return value
