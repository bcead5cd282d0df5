"""The acceptance scenario of the foundation, on the demo data a new user gets from bin/start."""

import pytest
from playwright.sync_api import expect

from doanket.demo.seed import DEMO_PASSWORD, load_demo
from doanket.people.models import Person


@pytest.fixture
def demo(reference_data, live_server):
    load_demo(provinces=["01"])  # Hà Nội's part of the catalogue is enough here


@pytest.mark.django_db(transaction=True)
def test_readme_scenario(demo, page, live_server, login):
    login(page, "thanhxuan", DEMO_PASSWORD)
    tree = page.locator("main")
    expect(tree.get_by_role("link", name="Quận Thanh Xuân")).to_be_visible()
    for ward in ("Hạ Đình", "Khương Đình", "Khương Mai", "Khương Trung", "Kim Giang", "Nhân Chính", "Phương Liệt",
                 "Thanh Xuân Bắc", "Thanh Xuân Nam", "Thanh Xuân Trung", "Thượng Đình"):
        expect(tree.get_by_role("link", name=f"Phường {ward}", exact=True)).to_be_visible()

    # The old ward says where its records went on 1/7/2025.
    tree.get_by_role("link", name="Phường Khương Mai", exact=True).click()
    expect(page.locator(".lineage")).to_contain_text("Sáp nhập vào")
    expect(page.locator(".lineage")).to_contain_text("Phường Phương Liệt")
    expect(page.locator(".lineage")).to_contain_text("01/07/2025")

    page.get_by_role("link", name="Danh bạ cán bộ").click()
    page.get_by_label("Tìm theo tên").fill("khong minh thao")
    expect(page.locator("#results").get_by_role("link")).to_have_count(1)
    page.locator("#results").get_by_role("link", name="Khổng Minh Thảo").click()
    positions = page.locator("table").first
    expect(positions).to_contain_text("Ủy viên Ban Thường vụ")
    expect(positions).to_contain_text("Chủ tịch Ủy ban MTTQ Việt Nam")


@pytest.mark.django_db(transaction=True)
def test_ward_user_cannot_see_another_wards_people_by_any_url(demo, page, live_server, login):
    login(page, "khuongmai", DEMO_PASSWORD)
    others = Person.objects.filter(unit__name="Phường Nhân Chính")[:3]
    assert others
    for person in others:
        resp = page.goto(f"{live_server.url}/quan-ly/nguoi/{person.pk}/")
        assert resp.status == 404
        resp = page.goto(f"{live_server.url}/api/people/{person.pk}")
        assert resp.status == 404
        assert person.full_name not in page.content()
