"""Certificates of attendance (giấy chứng nhận) as PDF: one page per person present.

The font is Liberation Serif 2 (metric-compatible with Times New Roman, full Vietnamese coverage,
SIL OFL), vendored in doanket/events/fonts/ and embedded as a subset, so the names print with their
diacritics on any machine."""

from __future__ import annotations

import io
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import KeepTogether, PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
from reportlab.platypus.flowables import Flowable, HRFlowable

from doanket.people.models import Gender

from ..labels import event_day, long_date, vn_date
from ..models import Event, Invitation
from . import decree30 as d30

FONT_DIR = Path(__file__).resolve().parent.parent / "fonts"
SERIF, SERIF_BOLD, SERIF_ITALIC = "DoanKetSerif", "DoanKetSerif-Bold", "DoanKetSerif-Italic"


def _register_fonts() -> None:
    if SERIF in pdfmetrics.getRegisteredFontNames():
        return
    pdfmetrics.registerFont(TTFont(SERIF, str(FONT_DIR / "LiberationSerif-Regular.ttf")))
    pdfmetrics.registerFont(TTFont(SERIF_BOLD, str(FONT_DIR / "LiberationSerif-Bold.ttf")))
    pdfmetrics.registerFont(TTFont(SERIF_ITALIC, str(FONT_DIR / "LiberationSerif-Italic.ttf")))
    pdfmetrics.registerFontFamily(SERIF, normal=SERIF, bold=SERIF_BOLD, italic=SERIF_ITALIC, boldItalic=SERIF_BOLD)


def _style(name: str, *, size: float = 14, bold: bool = False, italic: bool = False, center: bool = False,
           leading: float | None = None, space_after: float = 0) -> ParagraphStyle:
    font = SERIF_BOLD if bold else SERIF_ITALIC if italic else SERIF
    return ParagraphStyle(name, fontName=font, fontSize=size, leading=leading or size * 1.3,
                          alignment=TA_CENTER if center else TA_JUSTIFY, spaceAfter=space_after)


def _p(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(text), style)


def _header(event: Event) -> list[Flowable]:
    parent, issuer = d30.issuer_lines(event)
    left: list[Flowable] = [_p(line, _style("hl1", size=12, center=True, leading=15)) for line in parent]
    left.append(_p(issuer, _style("hl2", size=12, bold=True, center=True, leading=15)))
    left.append(HRFlowable(width="35%", thickness=0.6, color="black", spaceBefore=3, spaceAfter=4))
    left.append(_p(f"Số:{d30.NUMBER_BLANK}/GCN-MTTQ", _style("hl3", size=13, center=True)))
    right: list[Flowable] = [
        _p(d30.NATION, _style("hr1", size=12, bold=True, center=True, leading=15)),
        _p(d30.MOTTO, _style("hr2", size=13, bold=True, center=True, leading=16)),
        HRFlowable(width="62%", thickness=0.6, color="black", spaceBefore=3, spaceAfter=6),
        _p(f"{d30.place_name(event)}, {long_date(event_day(event.ends_at))}",
           _style("hr3", size=13, italic=True, center=True)),
    ]
    width = A4[0] - (d30.LEFT_MM + d30.RIGHT_MM) * mm
    table = Table([[left, right]], colWidths=[width * 0.42, width * 0.58])
    # ALIGN centres the short rules under the issuer and the motto (a cell's alignment wins over hAlign).
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
    return [table]


def _when(event: Event) -> str:
    start, end = event_day(event.starts_at), event_day(event.ends_at)
    if start == end:
        return f"ngày {vn_date(start)}"
    return f"từ ngày {vn_date(start)} đến ngày {vn_date(end)}"


def _honorific(invitation: Invitation) -> str:
    honorifics: dict[str, str] = {Gender.MALE: "Ông", Gender.FEMALE: "Bà"}
    return honorifics.get(invitation.person.gender, "Ông/Bà")


def _certificate(event: Event, invitation: Invitation) -> list[Flowable]:
    body = _style("body", size=14, leading=21, space_after=4)
    flow: list[Flowable] = [*_header(event), Spacer(1, 14 * mm)]
    flow.append(_p("GIẤY CHỨNG NHẬN", _style("title", size=16, bold=True, center=True, leading=20)))
    flow.append(_p(f"Về việc tham dự {event.event_type.name.lower()}", _style("sub", size=14, bold=True, center=True)))
    flow.append(Spacer(1, 10 * mm))
    flow.append(_p(f"{event.organiser_label} chứng nhận:", body))
    name_style = _style("name", size=14, leading=21, space_after=4)
    flow.append(Paragraph(f"{_honorific(invitation)}: <b>{escape(invitation.person.full_name)}</b>", name_style))
    if invitation.position_label:
        flow.append(_p(f"Chức vụ: {invitation.position_label}", body))
    flow.append(_p(f"Đơn vị: {invitation.via_unit.name}", body))
    venue = f" tại {event.venue}" if event.venue else ""
    flow.append(_p(f"Đã tham dự {event.title} do {event.organiser_label} tổ chức {_when(event)}{venue}.", body))
    flow.append(Spacer(1, 12 * mm))
    sign: list[Flowable] = [_p("TM. " + d30.issuer_lines(event)[1], _style("s1", size=13, bold=True, center=True))]
    if d30.signer_title(event):
        sign.append(_p(d30.signer_title(event), _style("s2", size=13, bold=True, center=True)))
    sign.append(Spacer(1, 24 * mm))
    if event.concluded_by is not None:
        sign.append(_p(event.concluded_by.full_name, _style("s3", size=14, bold=True, center=True)))
    width = A4[0] - (d30.LEFT_MM + d30.RIGHT_MM) * mm
    table = Table([["", sign]], colWidths=[width * 0.45, width * 0.55])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    flow.append(KeepTogether([table]))
    return flow


def certificate_document(buffer: io.BytesIO, event: Event) -> SimpleDocTemplate:
    """A4 portrait with the Decree 30 margins (top/bottom 20 mm, left 30 mm, right 15 mm)."""
    return SimpleDocTemplate(buffer, pagesize=A4, topMargin=d30.TOP_MM * mm, bottomMargin=d30.BOTTOM_MM * mm,
                             leftMargin=d30.LEFT_MM * mm, rightMargin=d30.RIGHT_MM * mm,
                             title=f"Giấy chứng nhận — {event.title}", author=event.organiser_label)


def certificates_pdf(event: Event, invitations: list[Invitation]) -> bytes:
    """One A4 page per invitation (those present)."""
    _register_fonts()
    buffer = io.BytesIO()
    doc = certificate_document(buffer, event)
    flow: list[Flowable] = []
    for i, invitation in enumerate(invitations):
        if i:
            flow.append(PageBreak())
        flow += _certificate(event, invitation)
    doc.build(flow)
    return buffer.getvalue()
