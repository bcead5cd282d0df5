"""The database unreachable: public pages already cached go on being served (stale, within NEWS_STALE_SECONDS);
everything else answers a Vietnamese 503 page with Retry-After, never a 500; the site recovers by itself.

On PostgreSQL the outage is real: the connection is closed and pointed at a port where nothing listens (what a
stopped server looks like to the app). On SQLite every query fails with the same OperationalError."""

from __future__ import annotations

import socket
from contextlib import contextmanager
from unittest import mock

import pytest
from django.db import OperationalError, connection, connections
from django.test import Client
from django.utils import timezone

from doanket.news import cache as news_cache
from doanket.news import services as news
from doanket.news.models import Category

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]

MANAGE = "/quan-ly/don-vi/"


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def database_down():
    if connection.vendor == "postgresql":
        saved = dict(connection.settings_dict)
        connection.close()
        connection.settings_dict["PORT"] = _closed_port()
        try:
            yield
        finally:
            connection.close()
            connection.settings_dict.update(saved)
    else:
        def refuse(*args, **kwargs):
            raise OperationalError("unable to open database file (test: the database is down)")

        with mock.patch.object(type(connections["default"]), "_cursor", refuse):
            yield


@pytest.fixture(autouse=True)
def _fresh_cache(settings):
    from django.core.cache import cache

    cache.clear()
    news_cache._last_good = None
    news_cache._memo.__dict__.clear()
    yield
    cache.clear()
    news_cache._last_good = None


def publish(unit, title: str):
    article = news.article_create(actor=None, unit=unit, title=title, lede="Tin thử.", body="Nội dung.",
                                  categories=[Category.objects.first()])
    return news.article_publish(actor=None, article=article, published_at=timezone.now())


def assert_503(response) -> None:
    assert response.status_code == 503
    assert int(response["Retry-After"]) > 0
    body = response.content.decode()
    assert "Server Error" not in body
    if response["Content-Type"].startswith("text/html"):
        assert "Hệ thống tạm thời gián đoạn" in body and "Mặt trận Tổ quốc Việt Nam" in body  # the site's layout
    else:
        assert "tạm thời gián đoạn" in response.json()["detail"]


def test_cached_public_pages_are_served_and_everything_else_answers_503_until_the_database_returns(tree, users):
    article = publish(tree.district, "Tin đã có trong bộ nhớ đệm")
    reader = Client(raise_request_exception=False)
    cadre = Client(raise_request_exception=False)
    cadre.force_login(users.district)
    article_url = f"/tin-tuc/{article.pk}-{article.slug}/"
    assert reader.get("/").status_code == 200
    assert reader.get(article_url).status_code == 200

    with database_down():
        home = reader.get("/")
        assert home.status_code == 200 and "Tin đã có trong bộ nhớ đệm" in home.content.decode()
        assert reader.get(article_url).status_code == 200
        assert cadre.get("/").status_code == 200  # a logged-in cadre reading the portal too
        assert_503(reader.get("/tim-kiem/?q=hoi+nghi"))  # not in the cache: needs the database
        assert_503(cadre.get(MANAGE))
        assert_503(cadre.get("/api/units"))
        assert_503(Client(raise_request_exception=False).post(
            "/tai-khoan/dang-nhap/", {"username": users.ward.username, "password": "mat-khau-thu-nghiem"}))
        assert reader.get("/healthz").status_code == 200  # alive: no restart wanted
        ready = reader.get("/readyz")
        assert ready.status_code == 503 and ready.json()["checks"]["database"]["ok"] is False

    assert cadre.get(MANAGE).status_code == 200  # back by itself, no restart
    assert reader.get("/tim-kiem/?q=hoi+nghi").status_code == 200
    assert reader.get("/readyz").status_code == 200


def test_a_worker_that_never_read_the_version_serves_cached_pages_from_what_another_one_shared(tree):
    publish(tree.district, "Tin đọc bởi tiến trình khác")
    assert Client().get("/").status_code == 200
    news_cache._last_good = None  # a worker started after the database went away
    with database_down():
        home = Client(raise_request_exception=False).get("/")
    assert home.status_code == 200 and "Tin đọc bởi tiến trình khác" in home.content.decode()


def test_past_the_stale_bound_cached_pages_answer_503_too(tree, settings):
    publish(tree.district, "Tin quá hạn")
    assert Client().get("/").status_code == 200
    settings.NEWS_STALE_SECONDS = 0  # the bound has passed
    with database_down():
        assert_503(Client(raise_request_exception=False).get("/"))
