"""Spreadsheets of supervision: a plan with its activities, and the recommendation follow-up (formula-safe cells,
dates as dates shown dd/mm/yyyy)."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from doanket.core.spreadsheets import safe_cell

from ..models import Recommendation, SupervisionActivity, SupervisionPlan

_BOLD = Font(bold=True)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _sheet(wb: Workbook, title: str, headers: list[str], widths: list[int]) -> Any:
    ws = wb.create_sheet(title)
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = "A2"
    row = []
    for header in headers:
        cell = WriteOnlyCell(ws, value=header)
        cell.font = _BOLD
        row.append(cell)
    ws.append(row)
    return ws


def _bytes(wb: Workbook) -> bytes:
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def plan_xlsx(plan: SupervisionPlan, activities: list[SupervisionActivity]) -> bytes:
    wb = Workbook(write_only=True)
    ws = _sheet(wb, _("Kế hoạch giám sát"), [
        _("STT"), _("Cuộc giám sát"), _("Đối tượng được giám sát"), _("Hình thức"), _("Nội dung"), _("Bắt đầu"),
        _("Kết thúc"), _("Trạng thái"), _("Số kiến nghị"), _("Chưa trả lời")], [6, 40, 36, 30, 60, 12, 12, 18, 12, 12])
    for i, a in enumerate(activities, start=1):
        ws.append([safe_cell(ws, v) for v in (
            i, a.title, a.subject, a.get_form_display(), a.content, a.starts_on, a.ends_on, a.get_status_display(),
            getattr(a, "n_recommendations", 0), getattr(a, "n_unanswered", 0))])
    return _bytes(wb)


def followup_xlsx(recommendations: Iterable[Recommendation], today: dt.date) -> bytes:
    wb = Workbook(write_only=True)
    ws = _sheet(wb, _("Theo dõi kiến nghị"), [
        _("Đơn vị"), _("Cuộc giám sát"), _("Nơi nhận"), _("Nội dung kiến nghị"), _("Ngày gửi"), _("Hạn trả lời"),
        _("Quá hạn"), _("Ngày trả lời"), _("Kết quả tiếp thu"), _("Tiến độ"), _("Chuyển cấp trên")],
        [24, 40, 34, 60, 12, 12, 9, 12, 18, 18, 30])
    for r in recommendations:
        overdue = r.answered_on is None and r.answer_due < today
        escalated = "; ".join(f"{e.to_unit.name} ({e.escalated_on:%d/%m/%Y})" for e in r.escalations.all())
        ws.append([safe_cell(ws, v) for v in (
            r.unit.name, r.activity.title, r.addressee, r.content, r.issued_on, r.answer_due,
            _("Có") if overdue else "", r.answered_on, r.get_outcome_display(), r.get_progress_display(), escalated)])
    return _bytes(wb)
