"""Redis stopped, or refusing writes (a full disk: "MISCONF"), while citizens read and cadres log in and work:
no 500, public pages render from the database, sessions live on in the database, a log line says so, and the
site uses Redis again by itself once it is back. The Redis is the test's own (tests/faults/conftest.py)."""

from __future__ import annotations

import logging
import os
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client
from django.utils import timezone

from doanket.news import services as news
from doanket.news.models import Category

pytestmark = pytest.mark.slow  # each wait below is bounded (eventually(), subprocess timeouts)

LOGIN = "/tai-khoan/dang-nhap/"
MANAGE = "/quan-ly/don-vi/"
PASSWORD = "mat-khau-thu-nghiem"
ROOT = Path(__file__).resolve().parents[2]


def publish(unit, title: str) -> None:
    article = news.article_create(actor=None, unit=unit, title=title, lede="Tin thử.", body="Nội dung.",
                                  categories=[Category.objects.first()])
    news.article_publish(actor=None, article=article, published_at=timezone.now())


def eventually(check, seconds: float = 10.0) -> None:
    """Recovery must come by itself within `seconds` (the retry interval is 0.2 s in these tests)."""
    deadline = time.monotonic() + seconds
    while not check():
        assert time.monotonic() < deadline, "no recovery within the bound"
        time.sleep(0.1)


def log_in(client: Client, user) -> None:
    response = client.post(LOGIN, {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302, response.content[:500]


def thief(session_key: str) -> Client:
    """Someone replaying a session cookie (each time a new client: a refused cookie is deleted)."""
    client = Client()
    client.cookies["sessionid"] = session_key
    return client


def cached_sessions(redis_server) -> int:
    return len([k for k in redis_server.cli("KEYS", "*sessions.cached_db*").splitlines() if k])


@pytest.mark.django_db
def test_public_pages_render_from_the_database_while_redis_is_down_and_use_it_again(redis_cache, tree, caplog):
    publish(tree.district, "Tin đăng trước sự cố")
    reader = Client()
    page = reader.get("/")
    assert page.status_code == 200 and "Tin đăng trước sự cố" in page.content.decode()
    assert redis_cache.keys() > 0  # the page went into the cache

    redis_cache.stop()
    with caplog.at_level(logging.WARNING, logger="doanket.cache"):
        page = reader.get("/")
        assert page.status_code == 200 and "Tin đăng trước sự cố" in page.content.decode()
        publish(tree.district, "Tin đăng khi Redis dừng")  # an editor works meanwhile: readers see it at once
        page = reader.get("/")
        assert page.status_code == 200 and "Tin đăng khi Redis dừng" in page.content.decode()
    assert "Cache (Redis) unavailable" in caplog.text

    redis_cache.start()  # an empty Redis comes back; no restart of the site

    def cached_again() -> bool:
        assert reader.get("/").status_code == 200
        return redis_cache.keys() > 0

    eventually(cached_again)


@pytest.mark.django_db
def test_logins_and_sessions_work_from_the_database_while_redis_is_down(redis_cache, users, tree):
    redis_cache.stop()
    cadre = Client()
    log_in(cadre, users.district)
    assert cadre.get(MANAGE).status_code == 200
    assert Session.objects.filter(session_key=cadre.cookies["sessionid"].value).exists()
    assert cadre.post("/tai-khoan/dang-xuat/").status_code == 302
    assert cadre.get(MANAGE).status_code == 302  # logged out for real

    log_in(cadre, users.district)
    redis_cache.start()

    def session_cached_again() -> bool:
        assert cadre.get(MANAGE).status_code == 200  # still logged in across the return of Redis
        return cached_sessions(redis_cache) > 0

    eventually(session_cached_again)


@pytest.mark.django_db
def test_a_redis_refusing_writes_breaks_no_page_and_never_revives_a_closed_session(redis_cache, users, tree):
    cadre = Client()
    log_in(cadre, users.district)
    assert cadre.get(MANAGE).status_code == 200
    assert cached_sessions(redis_cache) == 1
    stolen = cadre.cookies["sessionid"].value

    redis_cache.refuse_writes()  # Redis still answers reads, with the session as it was
    assert Client().get("/").status_code == 200
    assert cadre.get(MANAGE).status_code == 200
    assert cadre.post("/tai-khoan/dang-xuat/").status_code == 302  # the copy in Redis cannot be deleted
    assert thief(stolen).get(MANAGE).status_code == 302  # …but it is not believed: the session is over
    other = Client()
    log_in(other, users.ward)
    assert other.get(MANAGE).status_code == 200

    redis_cache.accept_writes()

    def other_cached() -> bool:
        assert other.get(MANAGE).status_code == 200
        return cached_sessions(redis_cache) > 0

    eventually(other_cached)
    # Back to normal, the stale copy of the closed session was dropped rather than believed again.
    assert thief(stolen).get(MANAGE).status_code == 302


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]  # nothing listens once the socket is closed


@pytest.mark.django_db(transaction=True)
def test_the_demo_started_with_an_unreachable_redis_serves_its_home_page(tree, tmp_path):
    publish(tree.district, "Tin của bản trình diễn")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL"))}
    if connection.vendor == "sqlite":
        copy = tmp_path / "demo.sqlite3"
        connection.ensure_connection()
        with sqlite3.connect(copy) as dest:
            connection.connection.backup(dest)
        dest.close()
        env["DATABASE_URL"] = f"sqlite:///{copy}"
    else:
        db = connection.settings_dict
        env["DATABASE_URL"] = (f"postgres://{db.get('USER') or 'postgres'}@{db.get('HOST') or '127.0.0.1'}:"
                               f"{db.get('PORT') or 5432}/{db['NAME']}")
    env |= {"DJANGO_SETTINGS_MODULE": "config.settings.local", "REDIS_URL": f"redis://127.0.0.1:{_closed_port()}/0",
            "DJANGO_ALLOWED_HOSTS": "testserver"}
    # DEBUG is on in the demo: an error would raise out of the test client and the script would fail.
    script = ("import django; django.setup(); from django.test import Client; c = Client(); "
              "r = c.get('/'); r2 = c.get('/'); print(r.status_code, r2.status_code, "
              "'Tin của bản trình diễn' in r2.content.decode())")
    out = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True,  # noqa: S603
                         timeout=60)
    assert out.returncode == 0, out.stderr[-3000:]
    assert out.stdout.split() == ["200", "200", "True"], out.stdout
    assert "Cache (Redis) unavailable" in out.stderr  # the log line
