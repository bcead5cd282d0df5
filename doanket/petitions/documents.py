"""The forwarding letter (công văn chuyển phản ánh, kiến nghị) as a Word document in the Decree 30/2020
layout: A4, Times New Roman 13–14 pt, margins 20/20/30/15 mm, the issuing body top left with the number
left blank for the office, the national motto top right, place and date, the addressee, the body with
the petition and its deadline, and the signature block of the standing committee."""

from __future__ import annotations

import io

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from .models import Petition

FONT = "Times New Roman"
NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
LEVEL_PREFIXES = ("Phường", "Xã", "Thị trấn", "Đặc khu", "Quận", "Huyện", "Thị xã", "Thành phố", "Tỉnh")
NUMBER_BLANK = "\u00a0" * 8


def _place(name: str) -> str:
    for prefix in LEVEL_PREFIXES:
        if name.startswith(prefix + " "):
            return name[len(prefix) + 1:]
    return name


def _para(container, text: str = "", *, size: float = 13, bold: bool = False, italic: bool = False,
          center: bool = False, after: float = 4):
    p = container.add_paragraph()
    if center:
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.space_after = Pt(after)
    if text:
        run = p.add_run(text)
        run.font.name, run.font.size, run.bold, run.italic = FONT, Pt(size), bold, italic
    return p


def _long_date(day) -> str:  # type: ignore[no-untyped-def]
    return f"ngày {day.day:02d} tháng {day.month:02d} năm {day.year}"


def forwarding_letter(petition: Petition) -> bytes:
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin, section.left_margin, section.right_margin = Mm(20), Mm(20), Mm(30), Mm(15)
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = FONT, Pt(13)
    # Word takes the font of Vietnamese text from the eastAsia/cs slots too: set them all.
    fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(slot), FONT)
    unit = petition.unit
    table = doc.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    left, right = table.rows[0].cells
    left.width, right.width = Mm(68), Mm(97)
    _para(left, "ỦY BAN MTTQ VIỆT NAM", size=12, center=True, after=0)
    _para(left, unit.name.upper(), size=12, bold=True, center=True, after=0)
    _para(left, f"Số:{NUMBER_BLANK}/MTTQ-BTT", size=13, center=True, after=0)
    _para(left, f"V/v chuyển {petition.get_kind_display().lower()} của công dân", size=12, center=True)
    _para(right, NATION, size=12, bold=True, center=True, after=0)
    motto = _para(right, MOTTO, size=13, bold=True, center=True, after=6)
    motto.runs[0].underline = True
    day = petition.forwarded_on
    _para(right, f"{_place(unit.name)}, {_long_date(day)}" if day else "", size=13, italic=True, center=True)
    _para(doc, f"Kính gửi: {petition.authority_name}", size=14, center=True, after=8)
    if petition.authority_address:
        _para(doc, f"({petition.authority_address})", size=13, italic=True, center=True)
    received = petition.received_at.strftime("%d/%m/%Y") if petition.received_at else ""
    _para(doc, f"Ngày {received}, Ủy ban MTTQ Việt Nam {_place(unit.name)} tiếp nhận "
               f"{petition.get_kind_display().lower()} của công dân (mã {petition.code_display}) với nội dung:", size=14)
    _para(doc, f"“{petition.subject}. {petition.content}”", size=14, italic=True)
    deadline = petition.deadline.strftime("%d/%m/%Y") if petition.deadline else ""
    _para(doc, f"Ban Thường trực Ủy ban MTTQ Việt Nam {_place(unit.name)} chuyển nội dung trên đến "
               f"{petition.authority_name} để xem xét, giải quyết theo thẩm quyền và đề nghị thông báo kết quả "
               f"trước ngày {deadline} ({petition.deadline_basis}).", size=14)
    _para(doc, "Trân trọng./.", size=14)
    sign = doc.add_table(rows=1, cols=2)
    recipients, signer = sign.rows[0].cells
    _para(recipients, "Nơi nhận:", size=12, bold=True, italic=True, after=0)
    for line in ("- Như trên;", "- Lưu: VT."):
        _para(recipients, line, size=11, after=0)
    _para(signer, "TM. BAN THƯỜNG TRỰC", size=13, bold=True, center=True, after=48)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
