"""Error pages reach users in Vietnamese, in the site's layout; failed HTMX requests are announced in the page."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from doanket.core.errors import server_error

LAYOUT = "Mặt trận Tổ quốc Việt Nam"


def page_text(response) -> str:
    return response.content.decode()


@pytest.mark.django_db
def test_a_missing_page_is_a_vietnamese_404_in_the_site_layout(reference_data):
    response = Client().get("/khong-co-trang-nay/")
    assert response.status_code == 404
    body = page_text(response)
    assert "Không tìm thấy trang" in body and LAYOUT in body and "Not Found" not in body
    assert "/static/css/public.css" in body


@pytest.mark.django_db
def test_a_forbidden_page_and_an_expired_form_are_vietnamese_403s(users, tree):
    client = Client()
    client.force_login(users.ward)
    response = client.get("/quan-ly/tai-khoan/")  # a ward cadre without the right to manage accounts
    assert response.status_code == 403
    assert "Không có quyền truy cập" in page_text(response) and LAYOUT in page_text(response)
    expired = Client(enforce_csrf_checks=True).post("/tai-khoan/dang-nhap/", {"username": "x", "password": "y"})
    assert expired.status_code == 403
    body = page_text(expired)
    assert "Biểu mẫu đã hết hạn" in body and LAYOUT in body and "CSRF verification failed" not in body


@pytest.mark.django_db
def test_an_unexpected_error_is_a_vietnamese_500_page_and_json_under_the_api(reference_data, monkeypatch, users):
    from doanket.news import cache as news_cache

    def broken() -> str:
        raise RuntimeError("a bug")

    monkeypatch.setattr(news_cache, "public_version", broken)
    response = Client(raise_request_exception=False).get("/")
    assert response.status_code == 500
    body = page_text(response)
    assert "Hệ thống gặp lỗi" in body and LAYOUT in body and "Server Error (500)" not in body


def test_the_500_handler_reads_nothing_from_the_database(rf):
    """No django_db mark: any query would fail this test."""
    try:
        raise RuntimeError("a bug")
    except RuntimeError:
        response = server_error(rf.get("/"))
    assert response.status_code == 500 and "Hệ thống gặp lỗi" in page_text(response)


def test_a_lost_database_is_a_503_with_retry_after(rf, settings):
    from django.db import OperationalError

    settings.DOANKET_RETRY_AFTER_SECONDS = 45
    try:
        raise OperationalError("server closed the connection unexpectedly")
    except OperationalError:
        response = server_error(rf.get("/quan-ly/don-vi/"))
        api = server_error(rf.get("/api/units"))
    assert response.status_code == 503 and response["Retry-After"] == "45"
    assert "Hệ thống tạm thời gián đoạn" in page_text(response) and "45 giây" in page_text(response)
    assert api.status_code == 503 and "gián đoạn" in json.loads(api.content)["detail"]


@pytest.mark.django_db
def test_management_pages_carry_the_messages_for_failed_htmx_requests(users, tree):
    client = Client()
    client.force_login(users.district)
    body = page_text(client.get("/quan-ly/don-vi/"))
    for kind in ("network", "server", "unavailable", "forbidden", "notfound", "client"):
        assert f'data-htmx-error-{kind}="' in body
    assert "Không kết nối được máy chủ" in body
