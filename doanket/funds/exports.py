"""Spreadsheets: a fund's ledger for cadres (donors shown as the ledger holds them) and the public
disclosure (totals, months, categories and support levels: no personal data). Cells are formula-safe."""

from __future__ import annotations

import io
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from doanket.core.spreadsheets import safe_cell

from .models import Entry, Fund
from .selectors import Disclosure

_BOLD = Font(bold=True)
_MONEY = "#,##0"


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


def _cell(ws: Any, value: Any) -> Any:
    if isinstance(value, int) and not isinstance(value, bool):
        cell = WriteOnlyCell(ws, value=value)
        cell.number_format = _MONEY
        return cell
    return safe_cell(ws, value)


def _append(ws: Any, values: list[Any]) -> None:
    ws.append([_cell(ws, v) for v in values])


def _bytes(wb: Workbook) -> bytes:
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def ledger_xlsx(fund: Fund) -> bytes:
    wb = Workbook(write_only=True)
    ws = _sheet(wb, _("Sổ quỹ"), [_("Ngày"), _("Loại"), _("Hình thức"), _("Số tiền (đồng)"), _("Diễn giải"),
                                  _("Bút toán đảo của")], [12, 20, 18, 18, 70, 16])
    for entry in Entry.objects.filter(fund=fund).order_by("posted_on", "id").iterator():
        _append(ws, [entry.posted_on, entry.get_kind_display(), entry.get_form_display(), entry.amount, entry.memo,
                     entry.reverses_id or ""])
    return _bytes(wb)


def disclosure_xlsx(data: Disclosure) -> bytes:
    t = data.totals
    wb = Workbook(write_only=True)
    ws = _sheet(wb, _("Tổng hợp"), [_("Nội dung"), _("Số tiền (đồng)")], [50, 20])
    for label, value in ((_("Quỹ"), data.fund.name), (_("Đơn vị"), data.fund.unit.name),
                         (_("Tiếp nhận bằng tiền"), t.received_cash),
                         (_("Tiếp nhận bằng hiện vật (quy ra tiền)"), t.received_kind),
                         (_("Nhận từ cấp khác"), t.transferred_in), (_("Chuyển cấp khác"), t.transferred_out),
                         (_("Đã phân phối, hỗ trợ"), t.disbursed), (_("Còn lại"), t.balance),
                         (_("Số lượt ủng hộ"), data.receipts)):
        _append(ws, [label, value])
    ws2 = _sheet(wb, _("Theo tháng"), [_("Tháng"), _("Tiếp nhận"), _("Nhận từ cấp khác"), _("Chuyển cấp khác"),
                                       _("Phân phối")], [12, 18, 18, 18, 18])
    for m in data.months:
        _append(ws2, [m.month.strftime("%m/%Y"), m.totals.received, m.totals.transferred_in,
                      m.totals.transferred_out, m.totals.disbursed])
    ws3 = _sheet(wb, _("Đối tượng hỗ trợ"), [_("Diện hỗ trợ"), _("Số hộ"), _("Tổng (đồng)"),
                                             _("Mức thấp nhất/hộ"), _("Mức cao nhất/hộ")], [36, 10, 18, 18, 18])
    for c in data.categories:
        _append(ws3, [c.category, c.households, c.total, c.lowest, c.highest])
    return _bytes(wb)
