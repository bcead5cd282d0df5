"""Printable papers of the yearly evaluation in the Decree 30/2020 page layout (.docx): a household's
registration, the area's meeting minutes and the commune's recognition decision; and the list of
titled families and areas (.xlsx). The layout constants are the project's (events.documents.decree30).

The documents' text is Vietnamese whatever the interface language: they are official papers."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable
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
from doanket.events.documents import decree30 as d30
from doanket.events.labels import LEVEL_PREFIXES, long_date
from doanket.orgunits.models import OrgUnit

from .models import Decision, Meeting, Registration, TitleKind

TITLE_NAMES = {TitleKind.FAMILY: "Gia đình văn hóa", TitleKind.AREA: "Tổ dân phố văn hóa"}


def _place(unit: OrgUnit) -> str:
    for prefix in LEVEL_PREFIXES:
        if unit.name.startswith(prefix + " "):
            return unit.name[len(prefix) + 1:]
    return unit.name


def _font(run, *, size: float = 13, bold: bool = False, italic: bool = False) -> None:  # type: ignore[no-untyped-def]
    run.font.name = d30.FONT_NAME
    run.font.size = Pt(size)
    run.bold, run.italic = bold, italic


def _para(container, text: str = "", *, size: float = 13, bold: bool = False,  # type: ignore[no-untyped-def]
          italic: bool = False, center: bool = False, space_after: float = 4):
    p = container.add_paragraph()
    if center:
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.space_after = Pt(space_after)
    if text:
        _font(p.add_run(text), size=size, bold=bold, italic=italic)
    return p


def _document() -> Any:
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(d30.PAGE_WIDTH_MM), Mm(d30.PAGE_HEIGHT_MM)
    section.top_margin, section.bottom_margin = Mm(d30.TOP_MM), Mm(d30.BOTTOM_MM)
    section.left_margin, section.right_margin = Mm(d30.LEFT_MM), Mm(d30.RIGHT_MM)
    normal = doc.styles["Normal"]
    normal.font.name = d30.FONT_NAME
    normal.font.size = Pt(13)
    fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(slot), d30.FONT_NAME)
    return doc


def _header(doc, issuer: list[str], number: str, place: str, day: dt.date | None) -> None:  # type: ignore[no-untyped-def]
    table = doc.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    left, right = table.rows[0].cells
    left.width, right.width = Mm(68), Mm(97)
    left.paragraphs[0].text = ""
    right.paragraphs[0].text = ""
    for i, line in enumerate(issuer):
        _para(left, line.upper(), size=12, bold=i == len(issuer) - 1, center=True, space_after=0)
    if number:
        _para(left, f"Số: {number}", size=13, center=True)
    _para(right, d30.NATION, size=12, bold=True, center=True, space_after=0)
    motto = _para(right, d30.MOTTO, size=13, bold=True, center=True, space_after=6)
    motto.runs[0].underline = True
    when = long_date(day) if day else "ngày ... tháng ... năm ..."
    _para(right, f"{place}, {when}", size=13, italic=True, center=True)


def _bytes(doc) -> bytes:  # type: ignore[no-untyped-def]
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def _signature(doc, lines: list[str]) -> None:  # type: ignore[no-untyped-def]
    table = doc.add_table(rows=1, cols=2)
    right = table.rows[0].cells[1]
    right.paragraphs[0].text = ""
    for i, line in enumerate(lines):
        _para(right, line, bold=i < len(lines) - 1, italic=i == len(lines) - 1 and len(lines) > 1, center=True,
              space_after=0)


def registration_docx(reg: Registration, ward: OrgUnit) -> bytes:
    """The household's registration for "Gia đình văn hóa" with its self-assessment."""
    doc = _document()
    _header(doc, [], "", _place(ward), reg.registered_on)
    _para(doc, "BẢN ĐĂNG KÝ", size=14, bold=True, center=True, space_after=0)
    _para(doc, f"Xây dựng danh hiệu “{TITLE_NAMES[TitleKind(reg.kind)]}” năm {reg.year}", size=14, bold=True,
          center=True)
    _para(doc, f"Kính gửi: Ban công tác Mặt trận {reg.area.name}, {ward.name}")
    if reg.household_id:
        h = reg.household
        _para(doc, f"Họ và tên chủ hộ: {h.head_name}")  # type: ignore[union-attr]
        _para(doc, f"Địa chỉ: {h.address or '…'}")  # type: ignore[union-attr]
        _para(doc, f"Số nhân khẩu: {h.members or '…'}")  # type: ignore[union-attr]
    _para(doc, "Tự đánh giá theo tiêu chuẩn (Nghị định số 86/2023/NĐ-CP):", bold=True)
    for label, value in (("Gương mẫu chấp hành chủ trương, chính sách, pháp luật", reg.law_abiding),
                         ("Tích cực tham gia phong trào thi đua ở địa phương", reg.takes_part),
                         ("Gia đình no ấm, tiến bộ, hạnh phúc, tương trợ", reg.prosperous)):
        mark = "Đạt" if value else ("Chưa đạt" if value is False else "…")
        _para(doc, f"- {label}: {mark}")
    if reg.self_assessment:
        _para(doc, reg.self_assessment)
    _signature(doc, ["ĐẠI DIỆN HỘ GIA ĐÌNH", "(Ký, ghi rõ họ tên)"])
    return _bytes(doc)


def minutes_docx(meeting: Meeting, ward: OrgUnit, registrations: Iterable[Registration]) -> bytes:
    """Minutes of the area's evaluation meeting: attendance against the quorum, votes against the approval
    share in force when it was recorded."""
    doc = _document()
    _header(doc, [ward.name, f"Ban công tác Mặt trận {meeting.area.name}"], "", _place(ward), meeting.held_on)
    _para(doc, "BIÊN BẢN", size=14, bold=True, center=True, space_after=0)
    _para(doc, f"Họp bình xét danh hiệu văn hóa năm {meeting.year}", size=14, bold=True, center=True)
    _para(doc, f"Thời gian: {long_date(meeting.held_on)}. Chủ trì: {meeting.chair}. Thư ký: {meeting.secretary}.")
    share = 100 * meeting.attended / meeting.called if meeting.called else 0
    pct = f"{share:.1f}".replace(".", ",")
    _para(doc, f"Số người được triệu tập: {meeting.called}; có mặt: {meeting.attended} ({pct} %, tối thiểu "
               f"{meeting.quorum_percent} %).")
    _para(doc, f"Hình thức biểu quyết: {meeting.get_method_display()}. Danh hiệu được đề nghị khi từ "
               f"{meeting.approval_percent} % số người có mặt tán thành.")
    votes = {v.registration_id: v for v in meeting.votes.all()}
    table = doc.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ["Hộ / khu dân cư", "Danh hiệu", "Số tán thành", "Kết quả"],
                          strict=True):
        cell.paragraphs[0].text = ""
        _font(cell.paragraphs[0].add_run(text), size=12, bold=True)
    for reg in registrations:
        vote = votes.get(reg.pk)
        if vote is None:
            continue
        cells = table.add_row().cells
        for cell, text in zip(cells, [reg.holder_label, TITLE_NAMES[TitleKind(reg.kind)], str(vote.votes_for),
                                      "Đề nghị công nhận" if vote.approved else "Không đề nghị"], strict=True):
            cell.paragraphs[0].text = ""
            _font(cell.paragraphs[0].add_run(text), size=12)
    if meeting.minutes:
        _para(doc, meeting.minutes)
    _signature(doc, ["CHỦ TRÌ", meeting.chair])
    return _bytes(doc)


def decision_docx(decision: Decision, registrations: Iterable[Registration]) -> bytes:
    """The commune chairman's decision recognising the titles of the year, with the list."""
    doc = _document()
    _header(doc, [f"Ủy ban nhân dân {decision.unit.name}"], decision.number, _place(decision.unit),
            decision.signed_on)
    _para(doc, "QUYẾT ĐỊNH", size=14, bold=True, center=True, space_after=0)
    _para(doc, f"Về việc công nhận danh hiệu “{TITLE_NAMES[TitleKind(decision.kind)]}” năm {decision.year}",
          size=14, bold=True, center=True)
    _para(doc, f"CHỦ TỊCH ỦY BAN NHÂN DÂN {decision.unit.name.upper()}", bold=True, center=True)
    _para(doc, "Căn cứ Nghị định số 86/2023/NĐ-CP ngày 07/12/2023 của Chính phủ quy định về khung tiêu chuẩn và "
               "trình tự, thủ tục, hồ sơ xét tặng danh hiệu “Gia đình văn hóa”; “Thôn, tổ dân phố văn hóa”, "
               "“Xã, phường, thị trấn tiêu biểu”;", italic=True)
    _para(doc, "Căn cứ biên bản họp bình xét của các khu dân cư,", italic=True)
    _para(doc, "QUYẾT ĐỊNH:", bold=True, center=True)
    items = list(registrations)
    _para(doc, f"Điều 1. Công nhận {len(items)} danh hiệu “{TITLE_NAMES[TitleKind(decision.kind)]}” năm "
               f"{decision.year} (danh sách kèm theo).")
    _para(doc, "Điều 2. Quyết định có hiệu lực kể từ ngày ký.")
    table = doc.add_table(rows=1, cols=3)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ["STT", "Hộ / khu dân cư", "Khu dân cư"], strict=True):
        cell.paragraphs[0].text = ""
        _font(cell.paragraphs[0].add_run(text), size=12, bold=True)
    for i, reg in enumerate(items, 1):
        cells = table.add_row().cells
        for cell, text in zip(cells, [str(i), reg.holder_label, reg.area.name], strict=True):
            cell.paragraphs[0].text = ""
            _font(cell.paragraphs[0].add_run(text), size=12)
    _signature(doc, ["CHỦ TỊCH", decision.signer])
    return _bytes(doc)


def titles_xlsx(year: int, registrations: Iterable[Registration]) -> bytes:
    """Titled families and areas of the year (in the reader's reach), with the decision."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(f"Danh hiệu {year}")
    for col, width in zip("ABCDEF", (24, 34, 30, 30, 18, 12), strict=True):
        ws.column_dimensions[col].width = width
    header = []
    for text in ("Danh hiệu", "Hộ / khu dân cư", "Khu dân cư", "Xã, phường", "Quyết định", "Ngày ký"):
        cell = WriteOnlyCell(ws, value=text)
        cell.font = Font(bold=True)
        header.append(cell)
    ws.append(header)
    for reg in registrations:
        d = reg.decision
        ws.append([safe_cell(ws, v) for v in (
            TITLE_NAMES[TitleKind(reg.kind)], reg.holder_label, reg.area.name, d.unit.name if d else "",
            d.number if d else "", d.signed_on if d else None)])
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
