"""The news portal and public votes in a real browser, on the demo a new user gets."""

import re

import pytest
from playwright.sync_api import expect

from doanket.demo.seed import DEMO_PASSWORD, load_demo
from doanket.news.demo import DEMO_NEWS_LOGINS, SEED_CAPTION, SEED_TITLE, load_news_demo
from doanket.polls.demo import DEMO_BALLOT_CODES, OPEN_TITLE, load_polls_demo


@pytest.fixture
def demo(reference_data, live_server, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    load_demo(provinces=["01"])
    load_news_demo()
    load_polls_demo(out=None)


@pytest.mark.django_db(transaction=True)
def test_citizen_finds_the_seed_article_from_home_and_by_searching_without_accents(demo, page, live_server):
    page.goto(live_server.url + "/")
    expect(page.get_by_role("heading", name="Hoạt động Mặt trận")).to_be_visible()
    page.get_by_role("link", name=SEED_TITLE).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(SEED_TITLE)
    expect(page.locator("article.story time")).to_have_text("23/09/2022 16:15")
    expect(page.locator("figcaption")).to_have_text(SEED_CAPTION)
    expect(page.locator(".source")).to_have_text("Ủy ban MTTQ quận Thanh Xuân")
    expect(page.get_by_role("img", name=re.compile("Báo cáo viên"))).to_be_visible()
    others = page.get_by_role("complementary").filter(has=page.get_by_role("heading", name="Các tin tức khác"))
    expect(others.get_by_role("link").first).to_be_visible()
    expect(others.locator("ul.others").get_by_role("link", name=SEED_TITLE)).to_have_count(0)

    page.get_by_role("searchbox", name="Tìm tin tức").fill("hoi nghi tap huan thanh xuan")
    page.get_by_role("searchbox", name="Tìm tin tức").press("Enter")
    results = page.locator("#ket-qua")
    expect(results.get_by_role("link").first).to_have_text(SEED_TITLE)
    results.get_by_role("link", name=SEED_TITLE).click()
    expect(page.get_by_role("heading", name="Các tin tức khác")).to_be_visible()


@pytest.mark.django_db(transaction=True)
def test_the_portal_reads_on_a_phone(demo, phone, live_server):
    phone.goto(live_server.url + "/")
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    phone.get_by_role("link", name=SEED_TITLE).first.click()
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    # Keyboard users can skip to the content.
    phone.keyboard.press("Tab")
    expect(phone.get_by_role("link", name="Bỏ qua, đến nội dung chính")).to_be_focused()


@pytest.mark.django_db(transaction=True)
def test_ward_editor_writes_the_wards_standing_committee_publishes_it_appears_publicly(demo, browser, page,
                                                                                      live_server, login):
    editor, password, _ = DEMO_NEWS_LOGINS[0]
    login(page, editor, password)
    page.get_by_role("link", name="Tin tức").click()
    page.get_by_role("link", name="Viết bài mới").click()
    page.get_by_label("Tiêu đề").fill("Phường Phương Liệt: Ra mắt mô hình “Ngõ phố văn minh”")
    page.get_by_label("Hoạt động Mặt trận").check()
    page.get_by_label("Sapo (tóm tắt)").fill("Sáng nay, khu dân cư số 1 ra mắt mô hình ngõ phố văn minh.")
    page.get_by_label("Nội dung").fill("Đông đảo người dân tham gia.\n\nMô hình được duy trì hằng tuần.")
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_text("Đã lưu bản nháp")).to_be_visible()
    page.get_by_role("button", name="Gửi duyệt").click()
    expect(page.get_by_text("Đã gửi bài cho Ban Thường trực duyệt.")).to_be_visible()
    expect(page.get_by_role("button", name="Duyệt và xuất bản")).to_have_count(0)
    article_url = page.url

    context = browser.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
    standing = context.new_page()
    login(standing, "phuongliet", DEMO_PASSWORD)
    standing.goto(article_url)
    standing.get_by_role("button", name="Duyệt và xuất bản").click()
    expect(standing.get_by_text("Đã duyệt và xuất bản bài viết.")).to_be_visible()
    history = standing.locator("#history")
    expect(history).to_contain_text("Biên tập viên phường Phương Liệt")
    expect(history).to_contain_text("Duyệt, xuất bản")
    expect(history).to_contain_text("Chờ duyệt → Đã xuất bản")
    context.close()

    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Phường Phương Liệt: Ra mắt mô hình “Ngõ phố văn minh”").first.click()
    expect(page.locator(".source")).to_have_text("Ủy ban MTTQ phường Phương Liệt")


@pytest.mark.django_db(transaction=True)
def test_citizen_votes_once_with_a_demo_code_and_the_second_attempt_is_refused(demo, page, live_server):
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Bình chọn trực tuyến").first.click()
    page.get_by_role("link", name=OPEN_TITLE).click()
    page.get_by_role("group", name=re.compile("Khu dân cư tiêu biểu")).get_by_role("radio").first.check()
    page.get_by_label("Tủ sách cộng đồng").check()
    page.get_by_label(re.compile("Mã phiếu")).fill(DEMO_BALLOT_CODES[0].lower())
    page.get_by_role("button", name="Gửi phiếu bình chọn").click()
    expect(page.get_by_text("Cảm ơn bạn! Phiếu bình chọn của bạn đã được ghi nhận.")).to_be_visible()

    page.get_by_role("group", name=re.compile("Khu dân cư tiêu biểu")).get_by_role("radio").last.check()
    page.get_by_label(re.compile("Mã phiếu")).fill(DEMO_BALLOT_CODES[0])
    page.get_by_role("button", name="Gửi phiếu bình chọn").click()
    expect(page.get_by_text("Mã phiếu này đã được dùng để bình chọn. Mỗi mã chỉ dùng được một lần.")).to_be_visible()
    page.get_by_role("link", name="Xem kết quả bình chọn").click()
    expect(page.get_by_role("heading", name="Khu dân cư tiêu biểu", exact=True)).to_be_visible()
