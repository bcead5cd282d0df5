"""Campaigns in the browser: an area's head records results on a phone; an evaluation meeting is refused
below quorum and accepted above it."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from doanket.movements import services
from doanket.movements.models import IndicatorKind, Meeting, RegistrationStatus, Result, TitleKind


@pytest.mark.django_db(transaction=True)
def test_area_head_records_results_on_a_phone(phone, live_server, login, users, tree):
    campaign = services.campaign_create(actor=None, unit=tree.district, starts_on=dt.date(2022, 1, 1),
                                        ends_on=dt.date(2022, 12, 31),
                                        title="Toàn dân đoàn kết xây dựng nông thôn mới, đô thị văn minh")
    sessions = services.indicator_add(actor=None, campaign=campaign, name="Số buổi ra quân", target=12, measure="buổi")
    street = services.indicator_add(actor=None, campaign=campaign, name="Có tuyến phố văn minh",
                                    kind=IndicatorKind.YESNO)
    services.campaign_adopt(actor=None, campaign=campaign, unit=tree.district)
    login(phone, "khuongmai")
    phone.goto(f"{live_server.url}/quan-ly/phong-trao/{campaign.pk}/khu/{tree.km_area.pk}/")
    phone.get_by_label("Số buổi ra quân (buổi)").fill("13")
    phone.get_by_role("radio", name="Có", exact=True).check()
    phone.get_by_role("button", name="Lưu kết quả").click()
    expect(phone.locator(".messages")).to_contain_text("Đã lưu kết quả của Khu dân cư số 1.")
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    assert Result.objects.get(indicator=sessions, area=tree.km_area).value_number == 13
    assert Result.objects.get(indicator=street, area=tree.km_area).value_bool is True


@pytest.mark.django_db(transaction=True)
def test_evaluation_meeting_refused_below_quorum_then_accepted(page, live_server, login, users, tree):
    household = services.household_add(actor=None, area=tree.km_area, head_name="Nguyễn Văn An")
    reg = services.register(actor=None, year=2022, kind=TitleKind.FAMILY, area=tree.km_area, household=household)
    services.self_assess(actor=None, registration=reg, law_abiding=True, takes_part=True, prosperous=True)
    login(page, "khuongmai")
    page.goto(f"{live_server.url}/quan-ly/phong-trao/danh-hieu/khu/{tree.km_area.pk}/?nam=2022")
    page.get_by_role("link", name="Ghi biên bản họp bình xét").click()
    page.get_by_label("Ngày họp").fill("05/12/2022")
    page.get_by_label("Số người được triệu tập").fill("50")
    page.get_by_label("Số người có mặt").fill("20")
    page.get_by_label("Chủ trì").fill("Trưởng ban công tác Mặt trận")
    page.get_by_label("Thư ký").fill("Thành viên Ban công tác Mặt trận")
    page.get_by_label("Số tán thành: Nguyễn Văn An").fill("20")
    page.get_by_role("button", name="Ghi biên bản").click()
    expect(page.locator("body")).to_contain_text("chưa đủ tỉ lệ tối thiểu 60 %")
    assert not Meeting.objects.exists()
    page.get_by_label("Số người có mặt").fill("35")
    page.get_by_label("Số tán thành: Nguyễn Văn An").fill("30")
    page.get_by_role("button", name="Ghi biên bản").click()
    expect(page.locator(".messages")).to_contain_text("Đã ghi biên bản họp bình xét.")
    expect(page.locator("body")).to_contain_text("35/50")
    reg.refresh_from_db()
    assert reg.status == RegistrationStatus.APPROVED
