"""The letters read back with python-docx: what the recipient reads, in the Decree 30 layout."""

import datetime as dt
import io

import pytest
from docx import Document

from doanket.supervision import selectors, services
from doanket.supervision.documents import letters

pytestmark = pytest.mark.django_db


def text_of(data: bytes) -> tuple[object, str]:
    doc = Document(io.BytesIO(data))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                parts += [p.text for p in cell.paragraphs]
    return doc, "\n".join(parts)


def test_notification_letter(concluded):
    doc, text = text_of(letters.notification_docx(concluded, selectors.activity_team(concluded)))
    section = doc.sections[0]
    assert round(section.page_width.mm) == 210 and round(section.left_margin.mm) == 30
    assert round(section.top_margin.mm) == 20
    assert doc.styles["Normal"].font.name == "Times New Roman"
    for expected in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "ỦY BAN MTTQ VIỆT NAM",
                     "PHƯỜNG KHƯƠNG MAI", "BAN THƯỜNG TRỰC", "/TB-MTTQ", "V/v thông báo kế hoạch giám sát",
                     "Khương Mai, ngày 15 tháng 8 năm 2022", "Kính gửi: Ủy ban nhân dân phường Khương Mai.",
                     "Giám sát công tác thu gom rác thải", "Tổ chức đoàn giám sát",
                     "Từ ngày 5/9/2022 đến ngày 30/9/2022", "Nguyễn Thị Đức Hạnh – UVTT: Trưởng đoàn",
                     "ít nhất 15 ngày", "TM. BAN THƯỜNG TRỰC", "Nơi nhận:"):
        assert expected in text, expected


def test_escalation_letter_goes_from_the_district_to_the_superior(rec, staff):
    escalation = services.recommendation_escalate(actor=staff.standing, recommendation=rec, today=dt.date(2022, 11, 7))
    _doc, text = text_of(letters.escalation_docx(escalation))
    for expected in ("QUẬN THANH XUÂN", "BAN THƯỜNG TRỰC", "Thanh Xuân, ngày 7 tháng 11 năm 2022",
                     "V/v đề nghị chỉ đạo trả lời kiến nghị sau giám sát",
                     "Kính gửi: Ủy ban nhân dân quận Thanh Xuân.",
                     "Ngày 5/10/2022, Ban Thường trực Ủy ban MTTQ Việt Nam phường Khương Mai đã gửi Ủy ban nhân dân "
                     "phường Khương Mai kiến nghị",
                     "“Tăng tần suất thu gom rác tại các ngõ nhỏ.”", "20 ngày làm việc, tức chậm nhất ngày 2/11/2022",
                     "Ban Thường trực Ủy ban MTTQ Việt Nam quận Thanh Xuân đề nghị Ủy ban nhân dân quận Thanh Xuân"):
        assert expected in text, expected
    assert "PHƯỜNG KHƯƠNG MAI" not in text.split("Kính gửi")[0]  # the district issues it, not the ward
