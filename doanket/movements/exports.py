"""The campaign's results as a spreadsheet: one row per area and indicator, in the reader's reach
(formula-safe cells)."""

from __future__ import annotations

import io
from collections.abc import Iterable

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop as N_
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from doanket.core.spreadsheets import safe_cell

from .models import Campaign, IndicatorKind, Result

HEADERS = (N_("Khu dân cư"), N_("Chỉ tiêu"), N_("Loại"), N_("Đơn vị tính"), N_("Kết quả"), N_("Cập nhật"))


def results_workbook(campaign: Campaign, results: Iterable[Result]) -> bytes:
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(_("Kết quả"))
    for col, width in zip("ABCDEF", (34, 50, 12, 12, 30, 12), strict=True):
        ws.column_dimensions[col].width = width
    ws.freeze_panes = "A3"
    title = WriteOnlyCell(ws, value=campaign.title)
    title.font = Font(bold=True)
    ws.append([title])
    header = []
    for text in HEADERS:
        cell = WriteOnlyCell(ws, value=_(text))
        cell.font = Font(bold=True)
        header.append(cell)
    ws.append(header)
    for r in results:
        kind = r.indicator.kind
        if kind == IndicatorKind.NUMBER:
            value: object = r.value_number
        elif kind == IndicatorKind.YESNO:
            value = "" if r.value_bool is None else (_("Có") if r.value_bool else _("Không"))
        else:
            value = r.value_text
        ws.append([safe_cell(ws, v) for v in (r.area.name, r.indicator.name, r.indicator.get_kind_display(),
                                              r.indicator.measure, value, r.updated_at.date())])
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
