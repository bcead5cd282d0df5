"""What a cadre does on day one, in a real browser."""

import re
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import expect


@pytest.mark.django_db(transaction=True)
def test_district_cadre_browses_tree_and_finds_a_person_without_accents(page, live_server, login, people, users):
    login(page, "quan")
    expect(page.get_by_role("link", name="Quận Thanh Xuân")).to_be_visible()
    # Expand a ward lazily (HTMX) and see its residential area.
    page.get_by_role("button", name="Mở các đơn vị trực thuộc Phường Khương Mai").click()
    expect(page.get_by_role("link", name="Khu dân cư số 1")).to_be_visible()

    page.get_by_role("link", name="Danh bạ cán bộ").click()
    page.get_by_label("Tìm theo tên").fill("khong minh thao")
    results = page.locator("#results")
    expect(results.get_by_role("link", name="Khổng Minh Thảo")).to_be_visible()
    expect(results.get_by_role("link", name="Văn Hùng Sơn")).to_have_count(0)
    # The search is kept in the address, so it survives a reload and can be shared.
    assert parse_qs(urlparse(page.url).query)["q"] == ["khong minh thao"]

    results.get_by_role("link", name="Khổng Minh Thảo").click()
    expect(page.get_by_role("heading", name="Quá trình giữ chức vụ")).to_be_visible()
    history = page.locator("table").first
    expect(history).to_contain_text("Ủy viên Ban Thường vụ")
    expect(history).to_contain_text("Nguyên Chủ tịch Ủy ban MTTQ Việt Nam")
    expect(history).to_contain_text("30/06/2025")


@pytest.mark.django_db(transaction=True)
def test_ward_cadre_cannot_reach_another_ward_by_url(page, live_server, login, people, users):
    login(page, "khuongmai")
    resp = page.goto(f"{live_server.url}/quan-ly/nguoi/{people.nc.pk}/")
    assert resp.status == 404
    assert "Trần Văn Đức" not in page.content()
    page.goto(f"{live_server.url}/quan-ly/nguoi/?q=duc")
    expect(page.locator("#results")).to_contain_text("Nguyễn Thị Đức Hạnh")
    expect(page.locator("#results")).not_to_contain_text("Trần Văn Đức")


@pytest.mark.django_db(transaction=True)
def test_phone_layout_adds_a_person_with_a_day_first_date(phone, live_server, login, people, users, positions):
    login(phone, "khuongmai")
    phone.goto(f"{live_server.url}/quan-ly/nguoi/{people.km.pk}/")
    no_sideways_scroll = "document.documentElement.scrollWidth <= window.innerWidth + 1"
    assert phone.evaluate(no_sideways_scroll)
    phone.get_by_role("link", name="Thêm chức vụ").click()
    phone.get_by_label(re.compile(r"^Chức vụ")).select_option(label="Chi hội trưởng")
    phone.get_by_label("Từ ngày").fill("05/09/2022")
    phone.get_by_role("button", name="Lưu").click()
    expect(phone.get_by_text("Đã thêm chức vụ.")).to_be_visible()
    expect(phone.locator("table").first).to_contain_text("05/09/2022")
    assert phone.evaluate(no_sideways_scroll)


@pytest.mark.django_db(transaction=True)
def test_unit_picker_finds_a_unit_by_typing_without_accents(page, live_server, login, people, users, tree):
    login(page, "quan")
    page.goto(f"{live_server.url}/quan-ly/nguoi/them/")
    page.get_by_label("Họ và tên").fill("Hà Thị Mới")
    page.get_by_label("Tìm đơn vị theo tên hoặc mã").fill("nhan chinh")
    unit = page.locator("select[name=unit]")
    expect(unit.locator("option")).to_have_count(1)
    expect(unit).to_have_value(str(tree.nhan_chinh.pk))
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_role("heading", name="Hà Thị Mới")).to_be_visible()
    expect(page.locator("main")).to_contain_text("Phường Nhân Chính")
