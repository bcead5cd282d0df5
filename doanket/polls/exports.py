"""Spreadsheets for staff: ballot codes to print, results with paper tallies by area (formula-safe cells)."""

from __future__ import annotations

import io
from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from doanket.core.spreadsheets import safe_cell

from .models import BallotCode, CodeBatch, TallyLine
from .selectors import PollResults

_BOLD = Font(bold=True)


def _sheet(wb: Workbook, title: str, headers: list[str], widths: list[int]) -> Any:
    ws = wb.create_sheet(title)
    for i, width in enumerate(widths):
        ws.column_dimensions[chr(ord("A") + i)].width = width
    ws.freeze_panes = "A2"
    row = []
    for header in headers:
        cell = WriteOnlyCell(ws, value=header)
        cell.font = _BOLD
        row.append(cell)
    ws.append(row)
    return ws


def _append(ws: Any, values: list[Any]) -> None:
    ws.append([safe_cell(ws, v) for v in values])


def _bytes(wb: Workbook) -> bytes:
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def codes_workbook(batch: CodeBatch, codes: Iterable[BallotCode]) -> bytes:
    wb = Workbook(write_only=True)
    ws = _sheet(wb, _("Mã phiếu"), [_("Mã phiếu"), _("Khu dân cư"), _("Cuộc bình chọn"), _("Đã dùng")], [18, 30, 60, 10])
    for code in codes:
        _append(ws, [code.display, batch.area.name, batch.poll.title, _("Có") if code.used_at else ""])
    return _bytes(wb)


def results_workbook(results: PollResults, paper_lines: Iterable[TallyLine]) -> bytes:
    """Sheet 1: votes per option (online, paper, total); sheet 2: paper votes by area inside the reader's reach."""
    wb = Workbook(write_only=True)
    ws = _sheet(wb, _("Kết quả"), [_("Nhóm"), _("Lựa chọn"), _("Trực tuyến"), _("Phiếu giấy"), _("Tổng")],
                [30, 50, 14, 14, 14])
    _append(ws, [_("Tổng số phiếu"), results.poll.title, results.online_total, results.paper_ballots, results.total])
    for group in results.groups:
        for row in group.options:
            _append(ws, [group.group.name, row.option.name, row.online, row.paper, row.total])
    for source in results.sources:
        _append(ws, [_("Nguồn số liệu"), source, "", "", ""])
    ws2 = _sheet(wb, _("Phiếu giấy theo khu"), [_("Khu dân cư"), _("Số phiếu thu về"), _("Nhóm"), _("Lựa chọn"),
                                                 _("Số phiếu chọn")], [34, 16, 30, 50, 16])
    for line in paper_lines:
        _append(ws2, [line.sheet.area.name if line.sheet.area else line.sheet.source, line.sheet.ballots,
                      line.option.group.name, line.option.name, line.votes])
    return _bytes(wb)
