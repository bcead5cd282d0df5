import datetime as dt
import io
import re

import pytest
from docx import Document
from openpyxl import load_workbook

from doanket.events import selectors, services
from doanket.events.documents.certificates import certificates_pdf
from doanket.events.documents.reports import report_data, report_docx, report_xlsx
from doanket.events.models import EventStatus, Invitation
from doanket.people import services as people_services

from .conftest import move
from .pdftext import pdf_text

pytestmark = pytest.mark.django_db

SEED_CONCLUSION = ("ghi nhận và đánh giá cao đóng góp của các ban công tác mặt trận cơ sở trong những năm qua đã giúp "
                   "MTTQ phường nói riêng và quận Thanh Xuân nói chung thực hiện tốt nhiệm vụ phát huy dân chủ ở cơ sở, "
                   "góp phần vào thành tích chung của quận.")


@pytest.fixture
def held(seed_event, tree, people, positions, area_heads):
    """The seed conference after the day: guests, speaker, topics, one ward present, the other absent."""
    event = seed_event.event
    services.rule_add(actor=None, event=event, root=tree.district, positions=[positions["Trưởng ban CTMT"]],
                      unit_type=tree.km_area.unit_type,
                      label="Trưởng ban công tác Mặt trận khu dân cư trên địa bàn 11 phường")
    services.invitations_build(actor=None, event=event)
    services.guest_add(actor=None, event=event, person=people.thao)
    services.guest_add(actor=None, event=event, person=people.son)
    sy = people_services.person_create(actor=None, unit=tree.district, full_name="Tạ Văn Sỹ", title="Tiến sỹ")
    people_services.assignment_create(
        actor=None, person=sy, unit=tree.root,
        position=positions["Giám đốc Trung tâm Bồi dưỡng cán bộ và Nghiên cứu khoa học MTTQ Việt Nam"],
        start_date=dt.date(2009, 1, 1), end_date=dt.date(2016, 6, 30))
    speaker = services.speaker_add(actor=None, event=event, person=sy)
    services.programme_item_add(actor=None, event=event, title="Những vấn đề về tổ chức của MTTQ Việt Nam",
                                time=dt.time(14, 10), speaker=speaker)
    services.programme_item_add(actor=None, event=event, title="Mối quan hệ giữa MTTQ Việt Nam với các thành viên "
                                                                "trong hệ thống chính trị", speaker=speaker)
    for inv in (seed_event.km, Invitation.objects.get(event=event, person=area_heads.km)):
        services.event_check_in(actor=None, event=event, code=inv.code)
    move(event, EventStatus.HELD)
    event.refresh_from_db()
    services.event_conclude(actor=None, event=event, conclusion=SEED_CONCLUSION, concluded_by=people.thao)
    event.refresh_from_db()
    return event


def test_certificate_is_an_a4_pdf_with_the_name_in_vietnamese(held, users):
    present = selectors.present_invitations(held, selectors.event_access(users.district, held))
    assert [i.person.full_name for i in present] == ["Nguyễn Thị Đức Hạnh", "Lê Văn Bình"]
    data = certificates_pdf(held, present)
    assert data.startswith(b"%PDF-")
    boxes = re.findall(rb"/MediaBox \[ 0 0 ([\d.]+) ([\d.]+) \]", data)
    assert len(boxes) == 2  # one page per person
    assert all(abs(float(w) - 595.28) < 0.1 and abs(float(h) - 841.89) < 0.1 for w, h in boxes)  # A4 in points
    assert b"/FontFile2" in data and b"LiberationSerif" in data  # the serif font is embedded
    text = pdf_text(data)
    for expected in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "ỦY BAN MTTQ VIỆT NAM",
                     "QUẬN THANH XUÂN", "BAN THƯỜNG TRỰC", "GIẤY CHỨNG NHẬN", "Bà: Nguyễn Thị Đức Hạnh",
                     "Ông: Lê Văn Bình", "Thanh Xuân, ngày 20 tháng 9 năm 2022", "ngày 20/09/2022", "CHỦ TỊCH",
                     "Khổng Minh Thảo"):
        assert expected in text, expected


def test_certificate_page_follows_decree_30(held):
    from doanket.events.documents.certificates import certificate_document

    doc = certificate_document(io.BytesIO(), held)
    mm = 72 / 25.4
    assert doc.pagesize == pytest.approx((210 * mm, 297 * mm), abs=0.01)
    assert (doc.topMargin, doc.bottomMargin) == pytest.approx((20 * mm, 20 * mm))
    assert (doc.leftMargin, doc.rightMargin) == pytest.approx((30 * mm, 15 * mm))


def test_word_report_opens_with_attendance_and_decree_30_page(held, users):
    data = report_docx(report_data(held, selectors.event_access(users.district, held)))
    doc = Document(io.BytesIO(data))
    section = doc.sections[0]
    sizes = [section.page_width, section.page_height, section.top_margin, section.bottom_margin,
             section.left_margin, section.right_margin]
    assert [round(v.mm, 1) if v is not None else None for v in sizes] == [210, 297, 20, 20, 30, 15]  # A4; Word stores twips
    assert doc.styles["Normal"].font.name == "Times New Roman"
    text = "\n".join(p.text for p in doc.paragraphs)
    cells = [[c.text for c in row.cells] for t in doc.tables for row in t.rows]
    assert ["Phường Khương Mai", "2", "0", "2", "100,0%"] in cells
    assert ["Phường Nhân Chính", "2", "0", "0", "0,0%"] in cells
    assert any("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in c for row in cells for c in row)
    assert "Mời 4 người; xác nhận tham dự 0; báo vắng 0; có mặt 2 (đạt 50,0%)." in text
    assert "Khổng Minh Thảo – UVTV, Chủ tịch Ủy ban MTTQ Việt Nam quận" in text
    assert "Tiến sỹ Tạ Văn Sỹ - Nguyên Giám đốc Trung tâm Bồi dưỡng cán bộ" in text
    assert "Nơi được mời không có ai có mặt: " in text and "Phường Nhân Chính (mời 1)" in text
    assert "Khu dân cư số 1 — Phường Nhân Chính (mời 1)" in text  # areas share names: their ward is named
    assert SEED_CONCLUSION in text


def test_excel_report_opens_and_is_formula_safe(held, users):
    services.event_update(actor=None, event=held, title='=HYPERLINK("http://x","bấm")')
    held.refresh_from_db()
    data = report_xlsx(report_data(held, selectors.event_access(users.district, held)))
    wb = load_workbook(io.BytesIO(data))
    assert wb.sheetnames == ["Tổng hợp", "Danh sách mời", "Khách mời, báo cáo viên", "Chương trình"]
    summary = [[c.value for c in row] for row in wb["Tổng hợp"].iter_rows()]
    title = wb["Tổng hợp"]["A1"]
    assert title.value.startswith("=HYPERLINK") and title.data_type == "s"  # text, never a formula
    assert ["Phường Khương Mai", 2, 0, 2, 1.0] in summary
    assert ["Tổng cộng", 4, 0, 2, 0.5] in summary
    people = [[c.value for c in row] for row in wb["Danh sách mời"].iter_rows(min_row=2)]
    assert {r[1] for r in people} == {"Nguyễn Thị Đức Hạnh", "Lê Văn Bình", "Trần Văn Đức", "Phạm Thị Lan"}
    present = [r for r in people if r[5] == "Có"]
    assert len(present) == 2 and all(isinstance(r[6], dt.datetime) for r in present)


def test_a_ward_gets_a_report_of_its_own_people_only(held, users):
    data = report_xlsx(report_data(held, selectors.event_access(users.ward, held)))
    wb = load_workbook(io.BytesIO(data))
    names = {row[1].value for row in wb["Danh sách mời"].iter_rows(min_row=2)}
    assert names == {"Nguyễn Thị Đức Hạnh", "Lê Văn Bình"}
    text = " ".join(str(c.value) for row in wb["Tổng hợp"].iter_rows() for c in row)
    assert "Nhân Chính" not in text


def test_article_draft_in_the_style_of_the_seed(held, users):
    event = services.event_generate_article(actor=users.district, event=held)
    assert event.article_title == ("Quận Thanh Xuân: Tổ chức hội nghị tập huấn kỹ năng, nghiệp vụ công tác Mặt trận "
                                   "Tổ quốc năm 2022")
    assert event.article_lede == (
        "Chiều ngày 20/9/2022, Ban Thường trực Ủy ban MTTQ Việt Nam quận Thanh Xuân đã tổ chức hội nghị tập huấn kỹ "
        "năng, nghiệp vụ công tác Mặt trận Tổ quốc năm 2022 cho cán bộ quận và cơ sở.")
    paragraphs = event.article_body.split("\n\n")
    assert paragraphs[0] == (
        "Dự hội nghị có các đồng chí: Khổng Minh Thảo – UVTV, Chủ tịch Ủy ban MTTQ Việt Nam quận; Văn Hùng Sơn – Phó "
        "Trưởng Ban Dân vận Quận ủy; Ủy viên Thường trực Ủy ban MTTQ Việt Nam quận và các phường; Trưởng ban công tác "
        "Mặt trận khu dân cư trên địa bàn 11 phường. Tiến sỹ Tạ Văn Sỹ - Nguyên Giám đốc Trung tâm Bồi dưỡng cán bộ "
        "và Nghiên cứu khoa học MTTQ Việt Nam làm báo cáo viên tại hội nghị.")
    assert paragraphs[1] == ("Hội nghị đã trao đổi những nội dung: những vấn đề về tổ chức của MTTQ Việt Nam; mối quan "
                             "hệ giữa MTTQ Việt Nam với các thành viên trong hệ thống chính trị.")
    assert paragraphs[2] == ("Phát biểu kết luận tại Hội nghị, đồng chí Khổng Minh Thảo – UVTV, Chủ tịch Ủy ban MTTQ "
                             "Việt Nam quận " + SEED_CONCLUSION)
    assert paragraphs[3] == "Ủy ban MTTQ quận Thanh Xuân" == event.article_source
    assert event.history.first().history_user == users.district


def test_part_of_day_and_no_article_before_the_event(tree, make_event):
    from django.core.exceptions import ValidationError

    from doanket.events.services import compose_article

    for hour, word in ((8, "Sáng"), (12, "Chiều"), (17, "Chiều"), (18, "Tối")):
        event = make_event(tree.district, title=f"Hội nghị {hour}", start=hour, end=hour + 1 if hour < 23 else 23)
        assert compose_article(event).lede.startswith(f"{word} ngày 20/9/2022, ")
    with pytest.raises(ValidationError):
        services.event_generate_article(actor=None, event=event)
