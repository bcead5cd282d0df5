"""Writing workbooks in the import format (exports and empty templates), streamed with write_only."""

from __future__ import annotations

import io
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from doanket.core.spreadsheets import safe_cell

from .columns import COLUMNS, DATE_FORMAT_TEXT, GUIDE_SHEET, KIND_LABELS, SHEET_TITLES, UNIT_REF_PREFIX, Kind

_BOLD = Font(bold=True)


class SheetWriter:
    def __init__(self, kind: Kind) -> None:
        self.kind = kind
        self.wb = Workbook(write_only=True)
        self.ws = self.wb.create_sheet(SHEET_TITLES[kind])
        columns = COLUMNS[kind]
        for i, col in enumerate(columns, start=1):
            self.ws.column_dimensions[get_column_letter(i)].width = col.width
        self.ws.freeze_panes = "A2"
        header = []
        for col in columns:
            cell = WriteOnlyCell(self.ws, value=col.header)
            cell.font = _BOLD
            header.append(cell)
        self.ws.append(header)

    def append(self, values: list[Any]) -> None:
        self.ws.append([safe_cell(self.ws, v) for v in values])

    def _guide(self) -> None:
        ws = self.wb.create_sheet(GUIDE_SHEET)
        ws.column_dimensions["A"].width = 26
        ws.column_dimensions["B"].width = 12
        ws.column_dimensions["C"].width = 100
        wrap = Alignment(wrap_text=True, vertical="top")

        def line(*values: Any, bold: bool = False) -> None:
            cells = []
            for v in values:
                cell = WriteOnlyCell(ws, value=v)
                cell.data_type = "s"  # guide text is never a formula
                cell.alignment = wrap
                if bold:
                    cell.font = _BOLD
                cells.append(cell)
            ws.append(cells)

        line(_("Hướng dẫn nhập: %(kind)s") % {"kind": KIND_LABELS[self.kind]}, bold=True)
        rules = [
            _("Dữ liệu ở trang “%(sheet)s”; dòng 1 là tiêu đề cột, giữ nguyên tên cột. Có thể bỏ cột không bắt buộc: "
              "cột không có trong tệp thì dữ liệu đó được giữ nguyên; ô để trống trong cột có mặt thì xoá giá trị.")
            % {"sheet": SHEET_TITLES[self.kind]},
            _("Ngày ghi dạng %(format)s (ví dụ 05/09/2022 là ngày 5 tháng 9 năm 2022) hoặc dùng ô ngày của Excel.")
            % {"format": DATE_FORMAT_TEXT},
            _("Đơn vị ghi bằng mã chính thức khi đơn vị còn hiệu lực; đơn vị không có mã (khu dân cư), đã hết hiệu lực "
              "hoặc có mã trùng thì ghi “%(prefix)s<số>”, số của đơn vị như trong tệp xuất (ví dụ %(prefix)s125).")
            % {"prefix": UNIT_REF_PREFIX},
            _("Điện thoại và số định danh cá nhân bị che bằng dấu * (khi bạn không được xem) sẽ không ghi đè giá trị "
              "thật khi nhập lại."),
            _("Nếu có bất kỳ dòng nào lỗi thì không dòng nào được nhập; báo cáo lỗi ghi rõ dòng, cột và lý do."),
            _("Dòng trùng với dữ liệu đã có mà không thay đổi gì thì được bỏ qua, nên có thể nhập lại tệp đã xuất."),
        ]
        for rule in rules:
            line(rule)
        line("")
        line(_("Cột"), _("Bắt buộc"), _("Mô tả"), bold=True)
        for col in COLUMNS[self.kind]:
            line(col.header, _("Có") if col.header_required else "", str(col.help))

    def to_bytes(self) -> bytes:
        self._guide()
        buffer = io.BytesIO()
        self.wb.save(buffer)
        return buffer.getvalue()
