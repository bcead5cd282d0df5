"""The letters of a supervision as Word documents in the Decree 30/2020 layout (page, fonts and header from
doanket/events/documents/decree30.py): the notification of the plan to the body supervised, and the next
Front level's letter to the body's superior when a recommendation went unanswered."""

from __future__ import annotations

import datetime as dt
import io

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from doanket.events.documents import decree30 as d30
from doanket.events.labels import LEVEL_PREFIXES, level_word, long_date, press_date, unit_phrase
from doanket.orgunits.models import OrgUnit

from .. import conf
from ..models import Critique, Escalation, ExpertOpinion, SupervisionActivity, TeamMember

# The legal basis quoted at the head of a notification.
BASIS = ("Căn cứ Luật Mặt trận Tổ quốc Việt Nam năm 2015, được sửa đổi, bổ sung năm 2025; Quyết định số 217-QĐ/TW "
         "ngày 12/12/2013 của Bộ Chính trị ban hành Quy chế giám sát và phản biện xã hội của Mặt trận Tổ quốc Việt "
         "Nam và các đoàn thể chính trị - xã hội; Nghị quyết liên tịch số 403/2017/NQLT-UBTVQH14-CP-ĐCTUBTWMTTQVN "
         "ngày 15/6/2017 quy định chi tiết các hình thức giám sát, phản biện xã hội của Mặt trận Tổ quốc Việt Nam;")


def committee(unit: OrgUnit) -> str:
    """"Ủy ban MTTQ Việt Nam phường Khương Đình" (a unit whose name says no level is its own name)."""
    return f"{d30.COMMITTEE} {unit_phrase(unit.name)}" if level_word(unit.name) else unit.name


def issuer(unit: OrgUnit) -> tuple[list[str], str]:
    """(lines of the parent body, issuing body) for the top-left block, upper-case."""
    if level_word(unit.name):
        return [d30.COMMITTEE.upper(), unit.name.upper()], d30.STANDING.upper()
    return [unit.name.upper()], d30.STANDING.upper()


def place(unit: OrgUnit) -> str:
    """"Khương Đình" for "Phường Khương Đình": the place written before the date."""
    for prefix in LEVEL_PREFIXES:
        if unit.name.startswith(prefix + " "):
            return unit.name[len(prefix) + 1:]
    return unit.name


def _font(run, *, size: float = 13, bold: bool = False, italic: bool = False) -> None:
    run.font.name = d30.FONT_NAME
    run.font.size = Pt(size)
    run.bold, run.italic = bold, italic


def _para(container, text: str = "", *, size: float = 13, bold: bool = False, italic: bool = False,
          align: str = "justify", space_after: float = 4, indent: bool = False):
    p = container.add_paragraph()
    p.alignment = {"center": WD_ALIGN_PARAGRAPH.CENTER, "right": WD_ALIGN_PARAGRAPH.RIGHT,
                   "left": WD_ALIGN_PARAGRAPH.LEFT}.get(align, WD_ALIGN_PARAGRAPH.JUSTIFY)
    p.paragraph_format.space_after = Pt(space_after)
    if indent:
        p.paragraph_format.first_line_indent = Mm(10)
    if text:
        _font(p.add_run(text), size=size, bold=bold, italic=italic)
    return p


def _document():
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(d30.PAGE_WIDTH_MM), Mm(d30.PAGE_HEIGHT_MM)
    section.top_margin, section.bottom_margin = Mm(d30.TOP_MM), Mm(d30.BOTTOM_MM)
    section.left_margin, section.right_margin = Mm(d30.LEFT_MM), Mm(d30.RIGHT_MM)
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = d30.FONT_NAME, Pt(13)
    # Word takes the font of Vietnamese text from the eastAsia/cs slots too: set them all.
    fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(slot), d30.FONT_NAME)
    return doc


def _header(doc, unit: OrgUnit, symbol: str, about: str, day: dt.date) -> None:
    """Issuing body, number and "V/v" (subject of an official letter) left; motto, place and date right."""
    parent, body = issuer(unit)
    table = doc.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    left, right = table.rows[0].cells
    left.width, right.width = Mm(70), Mm(95)
    left.paragraphs[0].text = ""
    for line in parent:
        _para(left, line, size=12, align="center", space_after=0)
    _para(left, body, size=12, bold=True, align="center", space_after=6)
    _para(left, f"Số:{d30.NUMBER_BLANK}/{symbol}", size=13, align="center", space_after=2)
    _para(left, f"V/v {about}", size=12, align="center")
    right.paragraphs[0].text = ""
    _para(right, d30.NATION, size=12, bold=True, align="center", space_after=0)
    motto = _para(right, d30.MOTTO, size=13, bold=True, align="center", space_after=6)
    motto.runs[0].underline = True
    _para(right, f"{place(unit)}, {long_date(day)}", size=13, italic=True, align="center")


def _addressee(doc, names: list[str]) -> None:
    _para(doc, "")
    if len(names) == 1:
        _para(doc, f"Kính gửi: {names[0]}.", size=14, align="center", space_after=10)
        return
    _para(doc, "Kính gửi:", size=14, align="center", space_after=0)
    for name in names:
        _para(doc, f"- {name};", size=14, align="center", space_after=0)
    _para(doc, "", space_after=6)


def _footer(doc, recipients: list[str]) -> None:
    """"Nơi nhận" left, the signature block "TM. BAN THƯỜNG TRỰC / CHỦ TỊCH" right (name left to the signer)."""
    _para(doc, "")
    table = doc.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells
    left.width, right.width = Mm(80), Mm(85)
    left.paragraphs[0].text = ""
    _para(left, "Nơi nhận:", size=12, bold=True, italic=True, align="left", space_after=0)
    for r in recipients:
        _para(left, f"- {r};", size=11, align="left", space_after=0)
    _para(left, "- Lưu VP.", size=11, align="left", space_after=0)
    right.paragraphs[0].text = ""
    _para(right, f"TM. {d30.STANDING.upper()}", size=13, bold=True, align="center", space_after=0)
    _para(right, "CHỦ TỊCH", size=13, bold=True, align="center", space_after=0)


def _save(doc) -> bytes:
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def _member_line(m: TeamMember) -> str:
    label = f" – {m.position_label}" if m.position_label else ""
    return f"- {m.person.full_name}{label}: {m.get_role_display()}."


def notification_docx(activity: SupervisionActivity, team: list[TeamMember], *, day: dt.date | None = None) -> bytes:
    """The notification of the supervision plan to the body supervised (sent ≥ the configured days before)."""
    unit = activity.unit
    day = day or activity.notified_on or dt.date.today()
    doc = _document()
    _header(doc, unit, "TB-MTTQ", "thông báo kế hoạch giám sát", day)
    _para(doc, "")
    _para(doc, "THÔNG BÁO", size=14, bold=True, align="center", space_after=0)
    _para(doc, f"Kế hoạch giám sát: {activity.title}", size=14, bold=True, align="center", space_after=6)
    _addressee(doc, [activity.subject])
    _para(doc, BASIS, indent=True)
    _para(doc, f"Căn cứ Kế hoạch giám sát năm {activity.plan.year} của {d30.STANDING} {committee(unit)}, "
               f"{d30.STANDING} {committee(unit)} thông báo kế hoạch giám sát như sau:", indent=True)
    _para(doc, "1. Nội dung giám sát", bold=True)
    for line in activity.content.splitlines():
        if line.strip():
            _para(doc, line.strip(), indent=True)
    _para(doc, "2. Hình thức giám sát", bold=True)
    _para(doc, f"{activity.get_form_display()}.", indent=True)
    _para(doc, "3. Thời gian giám sát", bold=True)
    _para(doc, f"Từ ngày {press_date(activity.starts_on)} đến ngày {press_date(activity.ends_on)}.", indent=True)
    if team:
        _para(doc, "4. Thành phần đoàn giám sát", bold=True)
        for m in team:
            _para(doc, _member_line(m), indent=True, space_after=0)
        _para(doc, "", space_after=2)
    _para(doc, f"{5 if team else 4}. Đề nghị", bold=True)
    _para(doc, f"Đề nghị {activity.subject} chuẩn bị báo cáo bằng văn bản về các nội dung trên, gửi về {d30.STANDING} "
               f"{committee(unit)} và bố trí thời gian, thành phần làm việc với đoàn giám sát theo kế hoạch.",
          indent=True)
    _para(doc, f"Thông báo này được gửi trước ngày bắt đầu giám sát ít nhất {conf.notice_days()} ngày theo quy định.",
          italic=True, indent=True)
    _footer(doc, ["Như trên", f"Thường trực Đảng ủy, HĐND {unit_phrase(unit.name)}" if level_word(unit.name)
                  else "Cấp ủy cùng cấp", "Các thành viên đoàn giám sát"])
    return _save(doc)


def escalation_docx(escalation: Escalation) -> bytes:
    """The next level's letter to the superior of the body, asking it to have the recommendation answered."""
    rec = escalation.recommendation
    activity = rec.activity
    doc = _document()
    _header(doc, escalation.to_unit, "MTTQ-BTT", "đề nghị chỉ đạo trả lời kiến nghị sau giám sát",
            escalation.escalated_on)
    _addressee(doc, [escalation.superior])
    _para(doc, f"Ngày {press_date(rec.issued_on)}, {d30.STANDING} {committee(escalation.from_unit)} đã gửi "
               f"{rec.addressee} kiến nghị sau cuộc giám sát “{activity.title}” với nội dung:", indent=True)
    for line in rec.content.splitlines():
        if line.strip():
            _para(doc, f"“{line.strip()}”", italic=True, indent=True)
    _para(doc, f"Theo quy định, kiến nghị phải được trả lời bằng văn bản trong thời hạn {conf.answer_working_days()} "
               f"ngày làm việc, tức chậm nhất ngày {press_date(rec.answer_due)}. Đến ngày "
               f"{press_date(escalation.escalated_on)}, {rec.addressee} chưa có văn bản trả lời.", indent=True)
    if escalation.reason:
        _para(doc, escalation.reason, indent=True)
    _para(doc, f"{d30.STANDING} {committee(escalation.to_unit)} đề nghị {escalation.superior} quan tâm chỉ đạo "
               f"{rec.addressee} xem xét, trả lời kiến nghị nêu trên và thông báo kết quả cho {d30.STANDING} "
               f"{committee(escalation.from_unit)} để theo dõi, giám sát việc thực hiện.", indent=True)
    _para(doc, "Trân trọng đề nghị./.", indent=True)
    _footer(doc, ["Như trên", rec.addressee, f"{d30.STANDING} {committee(escalation.from_unit)}"])
    return _save(doc)


def notification_filename(activity: SupervisionActivity) -> str:
    return f"thong-bao-giam-sat-{activity.pk}.docx"


def escalation_filename(escalation: Escalation) -> str:
    return f"van-ban-chuyen-cap-tren-{escalation.recommendation_id}-{escalation.pk}.docx"


def critique_docx(critique: Critique, opinions: list[ExpertOpinion]) -> bytes:
    """The Front's social critique of a draft, sent to the drafting body."""
    unit = critique.unit
    doc = _document()
    _header(doc, unit, "PBXH-MTTQ", f"phản biện xã hội đối với {critique.title}",
            critique.issued_on or dt.date.today())
    _para(doc, "")
    _para(doc, "VĂN BẢN PHẢN BIỆN XÃ HỘI", size=14, bold=True, align="center", space_after=0)
    _para(doc, f"đối với {critique.title}", size=14, bold=True, align="center", space_after=6)
    _addressee(doc, [critique.issuing_body])
    _para(doc, f"{BASIS} {d30.STANDING} {committee(unit)} nhận được {critique.title} do {critique.issuing_body} gửi "
               f"ngày {press_date(critique.received_on)} đề nghị phản biện xã hội.", indent=True)
    sources = [f"ý kiến của {len(opinions)} chuyên gia, nhà khoa học, người có uy tín"] if opinions else []
    if critique.conference_id:
        sources.insert(0, "hội nghị phản biện xã hội")
    if sources:
        _para(doc, f"Trên cơ sở {' và '.join(sources)}, {d30.STANDING} {committee(unit)} có ý kiến phản biện như sau:",
              indent=True)
    for line in critique.critique.splitlines():
        if line.strip():
            _para(doc, line.strip(), indent=True)
    _para(doc, f"Đề nghị {critique.issuing_body} nghiên cứu, tiếp thu và có văn bản giải trình gửi {d30.STANDING} "
               f"{committee(unit)} trong thời hạn {conf.answer_working_days()} ngày làm việc."
          + (f" (chậm nhất ngày {press_date(critique.response_due)})." if critique.response_due else ""), indent=True)
    _footer(doc, ["Như trên", "Thường trực cấp ủy cùng cấp"])
    return _save(doc)


def critique_filename(critique: Critique) -> str:
    return f"phan-bien-xa-hoi-{critique.pk}.docx"
