"""The report of an event — who attended by unit with rates, guests, speakers, programme, conclusions —
as a Word document (Decree 30 page) and as a workbook. Both show only what the reader may see."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from typing import Any

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from doanket.core.spreadsheets import safe_cell

from .. import selectors
from ..labels import event_day, local, long_date, vn_datetime
from ..models import AudienceRule, Event, Guest, Invitation, ProgrammeItem, Speaker
from ..selectors import Attendance, EventAccess, FeedbackSummary
from ..services.audience import rule_describe
from . import decree30 as d30


@dataclass
class ReportData:
    event: Event
    attendance: Attendance
    guests: list[Guest]
    speakers: list[Speaker]
    programme: list[ProgrammeItem]
    rules: list[AudienceRule]
    feedback: FeedbackSummary
    invitations: list[Invitation]
    partial: bool = False  # a unit below the organiser: only its own invitees' figures


def report_data(event: Event, access: EventAccess) -> ReportData:
    return ReportData(
        event=event, attendance=selectors.attendance(event, access), guests=selectors.event_guests(event),
        speakers=selectors.event_speakers(event), programme=selectors.event_programme(event),
        rules=selectors.event_rules(event), feedback=selectors.feedback_summary(event, access, comments=50),
        invitations=list(selectors.invitation_list(event, access)),
        partial=not access.full_view,
    )


def _when(event: Event) -> str:
    return f"{vn_datetime(event.starts_at)} – {vn_datetime(event.ends_at)}"


# -- Word ----------------------------------------------------------------------------------------

def _font(run, *, size: float = 13, bold: bool = False, italic: bool = False) -> None:
    run.font.name = d30.FONT_NAME
    run.font.size = Pt(size)
    run.bold = bold
    run.italic = italic


def _para(container, text: str = "", *, size: float = 13, bold: bool = False, italic: bool = False,
          center: bool = False, space_after: float = 4):
    p = container.add_paragraph()
    if center:
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.space_after = Pt(space_after)
    if text:
        _font(p.add_run(text), size=size, bold=bold, italic=italic)
    return p


def _page_setup(doc) -> None:
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(d30.PAGE_WIDTH_MM), Mm(d30.PAGE_HEIGHT_MM)
    section.top_margin, section.bottom_margin = Mm(d30.TOP_MM), Mm(d30.BOTTOM_MM)
    section.left_margin, section.right_margin = Mm(d30.LEFT_MM), Mm(d30.RIGHT_MM)
    normal = doc.styles["Normal"]
    normal.font.name = d30.FONT_NAME
    normal.font.size = Pt(13)
    # Word takes the font of Vietnamese text from the eastAsia/cs slots too: set them all.
    fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(slot), d30.FONT_NAME)


def _header(doc, event: Event) -> None:
    parent, issuer = d30.issuer_lines(event)
    table = doc.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    left, right = table.rows[0].cells
    left.width, right.width = Mm(68), Mm(97)
    left.paragraphs[0].text = ""
    for line in parent:
        _para(left, line, size=12, center=True, space_after=0)
    _para(left, issuer, size=12, bold=True, center=True, space_after=0)
    _para(left, f"Số:{d30.NUMBER_BLANK}/BC-MTTQ", size=13, center=True)
    _para(right, d30.NATION, size=12, bold=True, center=True, space_after=0)
    motto = _para(right, d30.MOTTO, size=13, bold=True, center=True, space_after=6)
    motto.runs[0].underline = True
    _para(right, f"{d30.place_name(event)}, {long_date(dt.date.today())}", size=13, italic=True, center=True)


def _table(doc, header: list[str], rows: list[list[str]]) -> None:
    table = doc.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.paragraphs[0].text = ""
        _font(cell.paragraphs[0].add_run(text), size=12, bold=True)
    for row in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            cell.paragraphs[0].text = ""
            _font(cell.paragraphs[0].add_run(text), size=12)


# Fixed Vietnamese like the rest of the document (an official paper, whatever the interface language).
PARTIAL_NOTE = ("Lưu ý: báo cáo này chỉ gồm số liệu về người được mời thuộc đơn vị bạn, không phải kết quả "
                "toàn bộ sự kiện do {organiser} tổ chức.")


def _docx_general(doc: Any, event: Event) -> None:
    _para(doc, "I. THÔNG TIN CHUNG", bold=True)
    _para(doc, f"- Loại: {event.event_type.name}.")
    _para(doc, f"- Đơn vị tổ chức: {event.organiser_label}.")
    _para(doc, f"- Thời gian: {_when(event)}.")
    if event.venue:
        _para(doc, f"- Địa điểm: {event.venue}.")


def _docx_participants(doc: Any, data: ReportData) -> None:
    _para(doc, "II. THÀNH PHẦN", bold=True)
    if data.guests:
        _para(doc, "Khách mời: " + "; ".join(f"{g.person.full_name} – {g.position_label}" if g.position_label
                                             else g.person.full_name for g in data.guests) + ".")
    if data.speakers:
        _para(doc, "Báo cáo viên: " + "; ".join(s.display for s in data.speakers) + ".")
    if data.rules:
        _para(doc, "Đối tượng mời: " + "; ".join(rule_describe(r) for r in data.rules) + ".")
    if data.programme:
        _para(doc, "III. CHƯƠNG TRÌNH, NỘI DUNG", bold=True)
        for i, item in enumerate(data.programme, start=1):
            time = f"{item.time:%H:%M} " if item.time else ""
            speaker = f" ({item.speaker.full_name})" if item.speaker else ""
            _para(doc, f"{i}. {time}{item.title}{speaker}")


def _docx_attendance(doc: Any, data: ReportData) -> None:
    total = data.attendance.total
    _para(doc, "IV. KẾT QUẢ THAM DỰ", bold=True)
    _para(doc, f"Mời {total.invited} người; xác nhận tham dự {total.confirmed}; báo vắng {total.declined}; "
               f"có mặt {total.present} (đạt {total.percent}%).")
    _table(doc, ["Đơn vị", "Được mời", "Xác nhận", "Có mặt", "Tỷ lệ"],
           [[ua.unit.name, str(ua.counts.invited), str(ua.counts.confirmed), str(ua.counts.present),
             f"{ua.counts.percent}%"] for ua in data.attendance.by_unit])
    if data.attendance.sent_nobody:
        _para(doc, "")
        _para(doc, "Nơi được mời không có ai có mặt: " + "; ".join(
            f"{ua.label} (mời {ua.counts.invited})" for ua in data.attendance.sent_nobody) + ".")


def _docx_feedback_and_conclusion(doc: Any, data: ReportData) -> None:
    event = data.event
    if data.feedback.count:
        _para(doc, "V. Ý KIẾN PHẢN HỒI", bold=True)
        _para(doc, f"{data.feedback.count} ý kiến, điểm trung bình {data.feedback.average_text}/5.")
        for fb in data.feedback.comments[:20]:
            _para(doc, f"- “{fb.comment}”", italic=True)
    if event.conclusion:
        _para(doc, "VI. KẾT LUẬN", bold=True)
        who = event.concluded_by.full_name if event.concluded_by else ""
        if who and event.concluded_by_label:
            who += f" – {event.concluded_by_label}"
        _para(doc, (f"Đồng chí {who} kết luận: " if who else "") + event.conclusion)


def report_docx(data: ReportData) -> bytes:
    event = data.event
    doc = Document()
    _page_setup(doc)
    _header(doc, event)
    _para(doc, "")
    _para(doc, "BÁO CÁO", size=14, bold=True, center=True, space_after=0)
    _para(doc, f"Kết quả tổ chức {event.title}", size=14, bold=True, center=True, space_after=12)
    if data.partial:
        _para(doc, PARTIAL_NOTE.format(organiser=event.organiser_label), italic=True)
    _docx_general(doc, event)
    _docx_participants(doc, data)
    _docx_attendance(doc, data)
    _docx_feedback_and_conclusion(doc, data)
    _para(doc, "")
    sign = _para(doc, "TM. " + d30.issuer_lines(event)[1], bold=True, center=False)
    sign.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


# -- Excel ---------------------------------------------------------------------------------------

_BOLD = Font(bold=True)


def _row(ws, values: list[object], *, bold: bool = False) -> None:
    """A row of formula-safe cells (user text starting with "=" stays text)."""
    cells = []
    for v in values:
        cell = safe_cell(ws, v)
        if bold:
            if not hasattr(cell, "font"):
                cell = WriteOnlyCell(ws, value=cell)
            cell.font = _BOLD
        cells.append(cell)
    ws.append(cells)


def _ratio(ws, value: float) -> WriteOnlyCell:
    cell = WriteOnlyCell(ws, value=round(value, 4))
    cell.number_format = "0.0%"
    return cell


def _local_naive(value: dt.datetime | None) -> dt.datetime | None:
    return local(value).replace(tzinfo=None) if value else None


def _xlsx_summary(ws: Any, data: ReportData) -> None:
    event = data.event
    ws.column_dimensions["A"].width = 46
    for col in "BCDE":
        ws.column_dimensions[col].width = 12
    _row(ws, [event.title], bold=True)
    _row(ws, ["Đơn vị tổ chức", event.organiser_label])
    _row(ws, ["Thời gian", _when(event)])
    _row(ws, ["Địa điểm", event.venue])
    if data.partial:
        _row(ws, [PARTIAL_NOTE.format(organiser=event.organiser_label)])
    _row(ws, [])
    _row(ws, ["Đơn vị", "Được mời", "Xác nhận", "Có mặt", "Tỷ lệ có mặt"], bold=True)
    for ua in data.attendance.by_unit:
        c = ua.counts
        ws.append([safe_cell(ws, ua.unit.name), c.invited, c.confirmed, c.present, _ratio(ws, c.rate)])
    t = data.attendance.total
    ws.append([WriteOnlyCell(ws, value="Tổng cộng"), t.invited, t.confirmed, t.present, _ratio(ws, t.rate)])
    if data.attendance.sent_nobody:
        _row(ws, [])
        _row(ws, ["Nơi được mời không có ai có mặt", "Được mời"], bold=True)
        for ua in data.attendance.sent_nobody:
            ws.append([safe_cell(ws, ua.label), ua.counts.invited])


def _xlsx_invitations(ws: Any, data: ReportData) -> None:
    for col, width in zip("ABCDEFG", (6, 30, 44, 36, 20, 10, 18), strict=True):
        ws.column_dimensions[col].width = width
    ws.freeze_panes = "A2"
    _row(ws, ["STT", "Họ và tên", "Chức vụ", "Đơn vị", "Trả lời", "Có mặt", "Điểm danh lúc"], bold=True)
    for i, inv in enumerate(data.invitations, start=1):
        when = WriteOnlyCell(ws, value=_local_naive(inv.checked_in_at))
        when.number_format = "DD/MM/YYYY HH:MM"
        ws.append([i, safe_cell(ws, inv.person.full_name), safe_cell(ws, inv.position_label),
                   safe_cell(ws, inv.via_unit.name), inv.get_status_display(),
                   "Có" if inv.checked_in_at else "Vắng", when])


def _xlsx_people(ws: Any, data: ReportData) -> None:
    ws.column_dimensions["A"].width = 16
    ws.column_dimensions["B"].width = 30
    ws.column_dimensions["C"].width = 70
    _row(ws, ["Vai trò", "Họ và tên", "Chức vụ, nơi công tác"], bold=True)
    for g in data.guests:
        _row(ws, ["Khách mời", g.person.full_name, g.position_label])
    for s in data.speakers:
        _row(ws, ["Báo cáo viên", f"{s.title} {s.full_name}".strip(), s.affiliation])


def _xlsx_programme(ws: Any, data: ReportData) -> None:
    ws.column_dimensions["A"].width = 8
    ws.column_dimensions["B"].width = 90
    ws.column_dimensions["C"].width = 30
    _row(ws, ["Giờ", "Nội dung", "Báo cáo viên"], bold=True)
    for item in data.programme:
        _row(ws, [f"{item.time:%H:%M}" if item.time else "", item.title,
                  item.speaker.full_name if item.speaker else ""])
    if data.event.conclusion:
        _row(ws, [])
        _row(ws, ["Kết luận"], bold=True)
        _row(ws, [data.event.conclusion])


def report_xlsx(data: ReportData) -> bytes:
    wb = Workbook(write_only=True)
    _xlsx_summary(wb.create_sheet("Tổng hợp"), data)
    _xlsx_invitations(wb.create_sheet("Danh sách mời"), data)
    _xlsx_people(wb.create_sheet("Khách mời, báo cáo viên"), data)
    _xlsx_programme(wb.create_sheet("Chương trình"), data)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def report_filename(event: Event, ext: str) -> str:
    return f"bao-cao-su-kien-{event.pk}-{event_day(event.starts_at):%Y%m%d}.{ext}"
