"""PDFs of the funds: the receipt given to a donor and the public notice posted at the community meeting
place (Decree 93/2021, Art. 14), both in the Decree 30/2020 layout (A4, Times New Roman metrics, margins
20/20/30/15 mm, issuing body top left, national motto top right). Fonts and page constants are the
events' (doanket/events/documents), so every document of the project prints alike."""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
from reportlab.platypus.flowables import Flowable, HRFlowable

from doanket.events.documents import decree30 as d30
from doanket.events.documents.certificates import SERIF, SERIF_BOLD, SERIF_ITALIC
from doanket.events.documents.certificates import _register_fonts as register_fonts
from doanket.events.labels import LEVEL_PREFIXES, long_date
from doanket.orgunits.models import OrgUnit

from .models import DonorKind, Form, Receipt
from .money import vnd
from .selectors import Disclosure
from .words import amount_in_words

WIDTH = A4[0] - (d30.LEFT_MM + d30.RIGHT_MM) * mm


def _style(name: str, *, size: float = 13, bold: bool = False, italic: bool = False, align: int = TA_JUSTIFY,
           leading: float | None = None, space_after: float = 0) -> ParagraphStyle:
    font = SERIF_BOLD if bold else SERIF_ITALIC if italic else SERIF
    return ParagraphStyle(name, fontName=font, fontSize=size, leading=leading or size * 1.35, alignment=align,
                          spaceAfter=space_after)


def _p(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(text), style)


def place_name(unit: OrgUnit) -> str:
    """"Thanh Xuân Nam" for "Phường Thanh Xuân Nam": the place written before the date."""
    for prefix in LEVEL_PREFIXES:
        if unit.name.startswith(prefix + " "):
            return unit.name[len(prefix) + 1:]
    return unit.name


def _header(unit: OrgUnit, number: str, day) -> list[Flowable]:
    center = TA_CENTER
    left: list[Flowable] = [
        _p(d30.COMMITTEE.upper(), _style("hl1", size=12, align=center, leading=15)),
        _p(unit.name.upper(), _style("hl2", size=12, bold=True, align=center, leading=15)),
        HRFlowable(width="35%", thickness=0.6, color="black", spaceBefore=3, spaceAfter=4),
        _p(f"Số: {number}", _style("hl3", size=13, align=center)),
    ]
    right: list[Flowable] = [
        _p(d30.NATION, _style("hr1", size=12, bold=True, align=center, leading=15)),
        _p(d30.MOTTO, _style("hr2", size=13, bold=True, align=center, leading=16)),
        HRFlowable(width="62%", thickness=0.6, color="black", spaceBefore=3, spaceAfter=6),
        _p(f"{place_name(unit)}, {long_date(day)}", _style("hr3", size=13, italic=True, align=center)),
    ]
    table = Table([[left, right]], colWidths=[WIDTH * 0.42, WIDTH * 0.58])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
    return [table]


def _document(buffer: io.BytesIO, title: str, author: str) -> SimpleDocTemplate:
    return SimpleDocTemplate(buffer, pagesize=A4, topMargin=d30.TOP_MM * mm, bottomMargin=d30.BOTTOM_MM * mm,
                             leftMargin=d30.LEFT_MM * mm, rightMargin=d30.RIGHT_MM * mm, title=title, author=author)


def _signatures(left_title: str, right_title: str) -> Table:
    center = TA_CENTER
    left = [_p(left_title, _style("sl", bold=True, align=center)),
            _p("(Ký, ghi rõ họ tên)", _style("sli", size=12, italic=True, align=center))]
    right = [_p(right_title, _style("sr", bold=True, align=center)),
             _p("(Ký, ghi rõ họ tên)", _style("sri", size=12, italic=True, align=center))]
    table = Table([[left, right]], colWidths=[WIDTH * 0.45, WIDTH * 0.55])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return table


def _receipt_flow(receipt: Receipt) -> list[Flowable]:
    unit = receipt.unit
    body = _style("body", size=14, leading=21, space_after=3)
    flow: list[Flowable] = [*_header(unit, f"{receipt.code}/BN-MTTQ", receipt.received_on), Spacer(1, 10 * mm)]
    flow.append(_p("BIÊN NHẬN", _style("title", size=16, bold=True, align=TA_CENTER, leading=20)))
    what = "tiền" if receipt.form == Form.CASH else "hiện vật"
    flow.append(_p(f"Tiếp nhận {what} ủng hộ {receipt.fund.name}",
                   _style("sub", size=14, bold=True, align=TA_CENTER, space_after=8)))
    if receipt.cancelled_at is not None:
        flow.append(_p("ĐÃ HUỶ — " + receipt.cancel_reason, _style("void", size=14, bold=True, align=TA_CENTER)))
    flow.append(_p(f"{d30.COMMITTEE} {unit.name} đã nhận của:", body))
    donor = receipt.donor_label
    flow.append(Paragraph(f"{escape(str(DonorKind(receipt.donor_kind).label))}: <b>{escape(donor)}</b>", body))
    if receipt.donor_address:
        flow.append(_p(f"Địa chỉ: {receipt.donor_address}", body))
    if receipt.form == Form.KIND:
        flow.append(_p(f"Hiện vật: {receipt.goods}", body))
        flow.append(Paragraph(f"Giá trị quy ra tiền: <b>{vnd(receipt.amount)} đồng</b>", body))
    else:
        flow.append(Paragraph(f"Số tiền: <b>{vnd(receipt.amount)} đồng</b>", body))
    flow.append(_p(f"Bằng chữ: {amount_in_words(receipt.amount)}.", _style("words", size=14, italic=True,
                                                                            leading=21, space_after=3)))
    channel = receipt.get_channel_display()
    if receipt.area is not None:
        channel += f" ({receipt.area.name})"
    if receipt.bank_reference:
        channel += f", số giao dịch {receipt.bank_reference}"
    flow.append(_p(f"Hình thức tiếp nhận: {channel}.", body))
    flow.append(_p(f"Để ủng hộ: {receipt.fund.name}.", body))
    flow.append(_p(f"{d30.COMMITTEE} {unit.name} trân trọng cảm ơn tấm lòng của quý vị.", body))
    flow.append(Spacer(1, 10 * mm))
    flow.append(KeepTogether([_signatures("NGƯỜI NỘP", "NGƯỜI NHẬN")]))
    return flow


def receipt_pdf(receipt: Receipt) -> bytes:
    """The receipt handed to the donor: number of the unit's yearly series, what was received, in figures
    and in words, and the signatures."""
    return receipts_pdf([receipt])


def receipts_pdf(receipts: list[Receipt]) -> bytes:
    """Receipts one per A4 page, in the order given (a batch printed after a collection day)."""
    register_fonts()
    first = receipts[0]
    buffer = io.BytesIO()
    title = f"Biên nhận {first.code}" if len(receipts) == 1 else f"Biên nhận {first.fund.name}"
    doc = _document(buffer, title, f"{d30.COMMITTEE} {first.unit.name}")
    flow: list[Flowable] = []
    for i, receipt in enumerate(receipts):
        if i:
            flow.append(PageBreak())
        flow += _receipt_flow(receipt)
    doc.build(flow)
    return buffer.getvalue()


def notice_pdf(data: Disclosure) -> bytes:
    """The public notice of a fund (Decree 93/2021, Art. 14): the call, totals received in cash and in kind,
    what was transferred and distributed, categories of beneficiaries with support levels — no names."""
    register_fonts()
    fund, t = data.fund, data.totals
    unit = fund.unit
    buffer = io.BytesIO()
    doc = _document(buffer, f"Thông báo công khai — {fund.name}", f"{d30.COMMITTEE} {unit.name}")
    body = _style("nbody", size=13, leading=19, space_after=3)
    from django.utils import timezone

    flow: list[Flowable] = [*_header(unit, f"{d30.NUMBER_BLANK}/TB-MTTQ", timezone.localdate()), Spacer(1, 8 * mm)]
    flow.append(_p("THÔNG BÁO", _style("ntitle", size=15, bold=True, align=TA_CENTER, leading=19)))
    flow.append(_p(f"Công khai kết quả tiếp nhận, phân phối {fund.name}",
                   _style("nsub", size=13, bold=True, align=TA_CENTER, space_after=8)))
    flow.append(_p("Thực hiện Điều 14 Nghị định số 93/2021/NĐ-CP ngày 27/10/2021 của Chính phủ, "
                   f"Ban Thường trực {d30.COMMITTEE} {unit.name} thông báo công khai như sau:", body))
    end = fund.ends_on.strftime("%d/%m/%Y") if fund.ends_on else "nay"
    flow.append(_p(f"1. Thời gian tiếp nhận: từ ngày {fund.starts_on:%d/%m/%Y} đến {end}. "
                   f"{fund.receiving_place}", body))
    rows = [["Nội dung", "Số tiền (đồng)"],
            ["Tiếp nhận bằng tiền", vnd(t.received_cash)],
            ["Tiếp nhận bằng hiện vật (quy ra tiền)", vnd(t.received_kind)],
            ["Nhận từ cấp khác", vnd(t.transferred_in)],
            ["Chuyển cấp khác", vnd(t.transferred_out)],
            ["Đã phân phối, hỗ trợ", vnd(t.disbursed)],
            ["Còn lại", vnd(t.balance)]]
    flow.append(_p(f"2. Kết quả tiếp nhận ({data.receipts} lượt ủng hộ) và phân phối:", body))
    flow.append(_table(rows, [WIDTH * 0.65, WIDTH * 0.35]))
    if data.categories:
        flow.append(Spacer(1, 4 * mm))
        flow.append(_p("3. Đối tượng được hỗ trợ và mức hỗ trợ:", body))
        cat_rows = [["Diện hỗ trợ", "Số hộ", "Tổng (đồng)", "Mức hỗ trợ/hộ (đồng)"]]
        for c in data.categories:
            level = vnd(c.lowest) if c.lowest == c.highest else f"{vnd(c.lowest)} – {vnd(c.highest)}"
            cat_rows.append([c.category, str(c.households), vnd(c.total), level])
        flow.append(_table(cat_rows, [WIDTH * 0.34, WIDTH * 0.12, WIDTH * 0.24, WIDTH * 0.30]))
    if data.houses_built or data.houses_building:
        flow.append(_p(f"Nhà Đại đoàn kết: đã bàn giao {data.houses_built}, đang xây dựng {data.houses_building}.",
                       body))
    flow.append(Spacer(1, 10 * mm))
    sign = [_p("TM. BAN THƯỜNG TRỰC", _style("ns", bold=True, align=TA_CENTER))]
    table = Table([["", sign]], colWidths=[WIDTH * 0.45, WIDTH * 0.55])
    flow.append(KeepTogether([table]))
    doc.build(flow)
    return buffer.getvalue()


def _table(rows: list[list[str]], widths: list[float]) -> Table:
    cell = _style("cell", size=12, leading=15)
    num = _style("num", size=12, leading=15, align=TA_RIGHT)
    head = _style("head", size=12, bold=True, leading=15, align=TA_CENTER)
    data = [[_p(c, head) for c in rows[0]]]
    data += [[_p(c, cell if i == 0 else num) for i, c in enumerate(r)] for r in rows[1:]]
    table = Table(data, colWidths=widths)
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, "black"), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
    return table
