"""Check-ins at the door while things break, on the app served by gunicorn (2 workers × 4 threads) with Redis
(cache and cached_db sessions, the test's own server) and the test database: Redis stopped for a few seconds,
a worker killed mid-request, and (PostgreSQL) every database connection cut. Clerks retry what was not
acknowledged, as the page tells them to. Asserted: no 500, no acknowledged check-in lost, none doubled, every
error page Vietnamese, logins work while Redis is down, and everything is checked in within the bound."""

from __future__ import annotations

import http.client
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone

from doanket.events import services as events
from doanket.events.models import Event, EventStatus, EventType, Invitation
from doanket.people import services as people_services

from .test_database_cut import cut_connections
from .test_soak import children, database_url

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]
GUNICORN = Path(sys.executable).parent / "gunicorn"
PORT = int(os.environ.get("DOANKET_FAULT_APP_PORT", "8111"))
CLERKS = 4
INVITED = 200
BOUND_SECONDS = 45  # every code acknowledged within this, faults included


class Clerk:
    """A phone at the door: keep-alive connection, its own session, the check-in form posted with HTMX."""

    def __init__(self, session: str) -> None:
        self.cookies = {"sessionid": session}
        self.conn: http.client.HTTPConnection | None = None
        status, _ = self.request("GET", "/tai-khoan/dang-nhap/")
        assert status == 200 and "csrftoken" in self.cookies

    def request(self, method: str, path: str, form: dict | None = None) -> tuple[int, str]:
        if self.conn is None:
            self.conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=20)
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()), "Host": "127.0.0.1"}
        body = None
        if form is not None:
            body = urlencode(form)
            headers |= {"Content-Type": "application/x-www-form-urlencoded", "HX-Request": "true",
                        "X-CSRFToken": self.cookies.get("csrftoken", "")}
        try:
            self.conn.request(method, path, body=body, headers=headers)
            resp = self.conn.getresponse()
            text = resp.read().decode("utf-8", "replace")
        except (http.client.HTTPException, OSError):
            self.conn.close()
            self.conn = None
            raise
        for header in resp.headers.get_all("Set-Cookie") or []:
            for key, morsel in SimpleCookie(header).items():
                self.cookies[key] = morsel.value
        return resp.status, text


@pytest.fixture
def door(tree, users, redis_server):
    tz = timezone.get_default_timezone()
    start = timezone.now().astimezone(tz)
    event = events.event_create(actor=None, title="Hội nghị điểm danh khi có sự cố", event_type=EventType.objects.first(),
                                organiser=tree.district, starts_at=start, ends_at=start + timezone.timedelta(hours=3))
    people = [people_services.person_create(actor=None, unit=tree.khuong_mai, full_name=f"Đại Biểu Số {i}")
              for i in range(INVITED)]
    Invitation.objects.bulk_create([Invitation(event=event, person=p, via_unit=tree.khuong_mai) for p in people])
    Event.objects.filter(pk=event.pk).update(status=EventStatus.OPEN)
    sessions = []
    for _ in range(CLERKS + 1):
        client = Client()
        client.force_login(users.district)  # the rows must exist before the SQLite copy is made
        sessions.append(client.cookies["sessionid"].value)
    return event, sessions


@pytest.fixture
def app_server(door, redis_server, tmp_path):
    with socket.socket() as s:
        if s.connect_ex(("127.0.0.1", PORT)) == 0:
            pytest.skip(f"port {PORT} is taken (set DOANKET_FAULT_APP_PORT)")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL"))}
    env |= {"DJANGO_SETTINGS_MODULE": "tests.faults.server_settings", "DATABASE_URL": database_url(tmp_path),
            "REDIS_URL": redis_server.url, "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
            "DJANGO_MEDIA_ROOT": str(tmp_path / "media"), "PYTHONPATH": str(ROOT)}
    log = (tmp_path / "gunicorn.log").open("w")
    proc = subprocess.Popen([str(GUNICORN), "config.wsgi", "--no-control-socket", "--workers", "2",  # noqa: S603
                             "--threads", "4", "--bind", f"127.0.0.1:{PORT}", "--timeout", "30"],
                            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 30
        while True:
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", PORT)) == 0:
                    break
            assert time.monotonic() < deadline and proc.poll() is None, (tmp_path / "gunicorn.log").read_text()
            time.sleep(0.1)
        yield proc, env["DATABASE_URL"], tmp_path / "gunicorn.log"
    finally:
        proc.terminate()
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


SQL = ("SELECT i.code, (SELECT COUNT(*) FROM events_historicalinvitation h WHERE h.id = i.id "
       "AND h.checked_in_at IS NOT NULL) FROM events_invitation i WHERE i.event_id = {} AND i.checked_in_at IS NOT NULL")


def stored_check_ins(url: str, event_pk: int) -> dict[str, int]:
    """code → how many times its check-in was recorded (history rows that carry a check-in time)."""
    if connection.vendor == "sqlite":
        import sqlite3

        with sqlite3.connect(url.removeprefix("sqlite:///")) as db:
            rows = db.execute(SQL.format("?"), [event_pk]).fetchall()
        db.close()
        return dict(rows)
    connection.close()
    with connection.cursor() as cur:
        cur.execute(SQL.format("%s"), [event_pk])
        return dict(cur.fetchall())


def test_check_ins_survive_redis_stopping_a_worker_dying_and_the_database_cut(door, app_server, redis_server,
                                                                               users):
    event, sessions = door
    proc, url, log_path = app_server
    codes = list(Invitation.objects.filter(event=event).values_list("code", flat=True))
    path = f"/quan-ly/su-kien/{event.pk}/diem-danh/"
    statuses: Counter[str] = Counter()
    acknowledged: dict[str, str] = {}
    problems: list[str] = []
    lock = threading.Lock()
    started = time.monotonic()
    deadline = started + BOUND_SECONDS

    def clerk(n: int) -> None:
        mine = codes[n::CLERKS]
        phone = Clerk(sessions[n])
        pending = list(mine)
        while pending and time.monotonic() < deadline:
            code = pending[0]
            try:
                status, text = phone.request("POST", path, {"code": code})
            except (http.client.HTTPException, OSError) as exc:
                with lock:
                    statuses[f"connection: {type(exc).__name__}"] += 1
                time.sleep(0.2)  # the clerk taps again
                continue
            with lock:
                statuses[str(status)] += 1
            if status == 200 and ("Đã điểm danh:" in text or "đã điểm danh lúc" in text):
                with lock:
                    acknowledged[code] = "again" if "đã điểm danh lúc" in text else "first"
                pending.pop(0)
            elif status == 503:
                if "Hệ thống tạm thời gián đoạn" not in text and "tạm thời gián đoạn" not in text:
                    with lock:
                        problems.append(f"503 without the Vietnamese message: {text[:200]}")
                time.sleep(0.3)
            else:
                with lock:
                    problems.append(f"{status}: {text[:300]}")
                time.sleep(0.3)
            time.sleep(0.15)  # the next person steps up

    threads = [threading.Thread(target=clerk, args=(n,)) for n in range(CLERKS)]
    for t in threads:
        t.start()

    # The faults, one after the other, while the clerks work.
    time.sleep(1.0)
    redis_server.stop()
    time.sleep(0.5)
    cadre = Clerk(sessions[CLERKS])  # a cadre's page while Redis is down
    status, _ = cadre.request("GET", "/quan-ly/don-vi/")
    assert status == 200, "a logged-in page while Redis is down"
    status, _ = cadre.request("GET", "/")
    assert status == 200, "the public home page while Redis is down"
    time.sleep(2.0)
    redis_server.start()
    time.sleep(1.0)
    workers = children(proc.pid)
    assert workers, "gunicorn has no workers"
    os.kill(workers[0], signal.SIGKILL)  # a worker dies mid-request; the master starts another
    time.sleep(2.0)
    if connection.vendor == "postgresql":
        cut_connections()  # every session of the test database ends (a database restart)
    for t in threads:
        t.join(BOUND_SECONDS + 30)
    elapsed = time.monotonic() - started
    log = log_path.read_text()
    print(f"check-ins through faults: {len(acknowledged)}/{len(codes)} in {elapsed:.1f} s, {dict(statuses)}, "
          f"acknowledged {dict(Counter(acknowledged.values()))}")

    assert not problems, problems[:5]
    assert "500" not in statuses, (statuses, log[-3000:])
    assert set(acknowledged) == set(codes), f"not all checked in within {BOUND_SECONDS} s: {statuses}"
    stored = stored_check_ins(url, event.pk)
    assert set(stored) == set(acknowledged)  # none acknowledged and lost
    assert all(n == 1 for n in stored.values()), stored  # none doubled: one check-in recorded per person
    assert "Cache (Redis) unavailable" in log and "Cache (Redis) is back" in log  # the log lines
