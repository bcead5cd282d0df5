"""A ward clerk records a donation, prints its receipt, the standing member pays support from the fund,
and a citizen finds the public figures changed accordingly."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from doanket.core.permissions import Role
from doanket.events.tests.pdftext import pdf_text
from doanket.funds import services
from doanket.funds.models import HouseholdCategory


@pytest.mark.django_db(transaction=True)
def test_receipt_printed_support_paid_and_the_public_page_follows(page, browser, login, live_server, tree,
                                                                  make_user):
    make_user("canbo-quy", tree.khuong_mai, Role.STANDING, Role.DATA_ENTRY)
    fund = services.fund_create(actor=None, unit=tree.khuong_mai, name="Quỹ “Vì người nghèo” Khương Mai 2022",
                                starts_on=dt.date(2022, 10, 1))
    services.beneficiary_create(actor=None, unit=tree.km_area, head_name="Lê Văn Bình",
                                category=HouseholdCategory.POOR)
    login(page, "canbo-quy")
    page.get_by_role("link", name="Quỹ, cứu trợ").click()
    page.get_by_role("link", name=fund.name).click()
    page.get_by_role("link", name="Ghi nhận ủng hộ").click()
    page.get_by_label("Ngày nhận").fill("17/10/2022")
    page.get_by_label("Người ủng hộ là").select_option(label="Cá nhân")
    page.get_by_label("Tên người, đơn vị ủng hộ").fill("Nguyễn Văn An")
    page.get_by_label("Số tiền (đồng)").fill("2.500.000")
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator(".messages")).to_contain_text("Đã ghi biên nhận số 00001/2022")

    href = page.get_by_role("link", name="In biên nhận (PDF)").get_attribute("href")
    pdf = page.request.get(f"{live_server.url}{href}")
    assert pdf.headers["content-type"] == "application/pdf"
    assert "Hai triệu năm trăm nghìn đồng" in pdf_text(pdf.body())

    page.get_by_role("link", name=fund.name).click()
    page.get_by_role("link", name="Chi hỗ trợ").click()
    page.get_by_label("Ngày chi").fill("20/10/2022")
    page.get_by_label("Số tiền (đồng)").fill("1.000.000")
    page.get_by_label("Nội dung chi").fill("Hỗ trợ hộ nghèo")
    page.get_by_label("Quyết định phê duyệt").fill("5/QĐ-MTTQ")
    page.get_by_label("Ngày quyết định").fill("19/10/2022")
    page.get_by_label("Hộ được hỗ trợ").select_option(index=1)
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator(".messages")).to_contain_text("Đã ghi khoản chi")

    citizen = browser.new_context(locale="vi-VN").new_page()
    citizen.goto(f"{live_server.url}/cong-khai-quy/quy/{fund.pk}/")
    expect(citizen.locator('[data-figure="received_cash"]')).to_have_text("2.500.000")
    expect(citizen.locator('[data-figure="disbursed"]')).to_have_text("1.000.000")
    expect(citizen.locator('[data-figure="balance"]')).to_have_text("1.500.000")
    expect(citizen.locator("body")).to_contain_text("Hộ nghèo")
    expect(citizen.locator("body")).not_to_contain_text("Lê Văn Bình")
    citizen.context.close()
