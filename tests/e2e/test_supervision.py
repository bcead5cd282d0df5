"""Supervision in the browser, on the demo: the district follows Khương Đình's 2022 supervision from its plan to
the overdue recommendation it received and downloads the letter; Phương Liệt walks a new activity through its
lifecycle buttons up to a recommendation, and a too-late notification is refused in Vietnamese; a household
consultation refuses a second answer of the same household."""

import datetime as dt
import io

import pytest
from docx import Document
from playwright.sync_api import expect

from doanket.demo.seed import DEMO_PASSWORD, load_demo
from doanket.supervision.demo import NEW_TITLE, OVERDUE_TEXT, POLL_QUESTION, SANITATION_TITLE, load_supervision_demo


@pytest.fixture
def demo(reference_data, live_server):
    load_demo(provinces=["01"])
    load_supervision_demo(out=None)


@pytest.mark.django_db(transaction=True)
def test_district_follows_the_demo_supervision_to_the_escalated_recommendation(demo, page, live_server, login):
    login(page, "thanhxuan", DEMO_PASSWORD)
    page.get_by_role("link", name="Giám sát", exact=True).click()
    page.get_by_role("link", name="2022", exact=True).click()
    row = page.locator("tr", has_text="Phường Khương Đình")
    row.get_by_role("link", name="Kế hoạch giám sát năm 2022").click()
    page.get_by_role("link", name=SANITATION_TITLE).click()
    expect(page.locator("#activity-status")).to_have_text("Đã gửi kiến nghị")
    expect(page.locator("#team")).to_contain_text("Trưởng đoàn")
    recs = page.locator("#recommendations")
    expect(recs).to_contain_text("Tiếp thu")
    expect(recs).to_contain_text("đã chuyển Quận Thanh Xuân")
    recs.get_by_role("link", name=OVERDUE_TEXT[:40], exact=False).click()
    expect(page.locator("#overdue")).to_be_visible()
    expect(page.locator("#escalations")).to_contain_text("Ủy ban nhân dân quận Thanh Xuân")
    with page.expect_download() as info:
        page.get_by_role("link", name="Tải văn bản gửi cơ quan cấp trên (.docx)").click()
    with open(info.value.path(), "rb") as f:
        text = "\n".join(p.text for p in Document(io.BytesIO(f.read())).paragraphs)
    assert "Kính gửi: Ủy ban nhân dân quận Thanh Xuân." in text

    # The follow-up list, filtered to what was handed up to the district.
    page.goto(f"{live_server.url}/quan-ly/giam-sat/kien-nghi-giam-sat/?show=escalated")
    expect(page.locator("main table")).to_contain_text(OVERDUE_TEXT[:40])


@pytest.mark.django_db(transaction=True)
def test_ward_walks_an_activity_through_its_lifecycle(demo, page, live_server, login):
    login(page, "phuongliet", DEMO_PASSWORD)
    page.goto(f"{live_server.url}/quan-ly/giam-sat/")
    page.get_by_role("link", name=f"Kế hoạch giám sát năm {dt.date.today().year}").click()
    page.get_by_role("link", name=NEW_TITLE).click()
    expect(page.locator("#activity-status")).to_have_text("Đã lập kế hoạch")
    step = page.locator("#step")

    # Too late: the plan must reach the body at least 15 days before the start.
    late = dt.date.today() + dt.timedelta(days=20)
    step.get_by_label("Ngày gửi thông báo").fill(late.strftime("%d/%m/%Y"))
    step.get_by_role("button", name="Ghi nhận đã gửi thông báo").click()
    expect(page.locator("#step")).to_contain_text("ít nhất 15 ngày trước ngày bắt đầu")

    today = dt.date.today().strftime("%d/%m/%Y")
    page.locator("#step").get_by_label("Ngày gửi thông báo").fill(today)
    page.locator("#step").get_by_role("button", name="Ghi nhận đã gửi thông báo").click()
    expect(page.locator("#activity-status")).to_have_text("Đã thông báo")
    page.locator("#step").get_by_label("Ngày làm việc với đối tượng").fill(today)
    page.locator("#step").get_by_role("button", name="Ghi nhận đã tiến hành giám sát").click()
    expect(page.locator("#activity-status")).to_have_text("Đã tiến hành")
    page.locator("#step").get_by_label("Kết quả giám sát (kết luận)").fill("Các tổ dân phố đã công khai thông tin.")
    page.locator("#step").get_by_label("Ngày kết luận").fill(today)
    page.locator("#step").get_by_role("button", name="Ghi kết luận giám sát").click()
    expect(page.locator("#activity-status")).to_have_text("Đã kết luận")

    form = page.locator("#recommendations form")
    form.get_by_label("Nội dung kiến nghị").fill("Niêm yết công khai biên bản hội nghị tổ dân phố.")
    form.get_by_label("Ngày gửi kiến nghị").fill(today)
    form.get_by_role("button", name="Thêm kiến nghị").click()
    page.locator("#step").get_by_role("button", name="Gửi kiến nghị").click()
    expect(page.locator("#activity-status")).to_have_text("Đã gửi kiến nghị")
    expect(page.locator("#recommendations")).to_contain_text("chưa trả lời")


@pytest.mark.django_db(transaction=True)
def test_household_poll_refuses_a_second_answer_from_the_same_household(demo, page, live_server, login):
    login(page, "phuongliet", DEMO_PASSWORD)
    page.goto(f"{live_server.url}/quan-ly/giam-sat/dan-chu-co-so/")
    page.get_by_role("link", name=POLL_QUESTION).click()
    expect(page.locator("#result")).to_contain_text("8/12")
    form = page.locator("#answer form")
    form.get_by_label("Hộ gia đình").select_option(label="Hộ số 9 — Số 9, ngõ 12 phố Phương Liệt")
    form.get_by_label("Ý kiến").select_option("agree")
    form.get_by_role("button", name="Ghi nhận").click()
    expect(page.locator("#result")).to_contain_text("9/12")
    form = page.locator("#answer form")
    form.get_by_label("Hộ gia đình").select_option(label="Hộ số 9 — Số 9, ngõ 12 phố Phương Liệt")
    form.get_by_label("Ý kiến").select_option("disagree")
    form.get_by_label("Hình thức").select_option("online")
    form.get_by_role("button", name="Ghi nhận").click()
    expect(page.locator("#answer")).to_contain_text("mỗi hộ chỉ một ý kiến")
    expect(page.locator("#result")).to_contain_text("9/12")
