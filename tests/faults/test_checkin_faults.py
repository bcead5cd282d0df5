"""Check-ins at the door while one thing breaks, on the app served by gunicorn (2 workers × 4 threads) with Redis
(cache and cached_db sessions, the test's own server) and the test database — for each fault: Redis stopped
for three seconds, Redis refusing writes (MISCONF) for three seconds, a worker killed mid-request, and
(PostgreSQL) every database connection cut three times. Four clerks retry what was not acknowledged, as the
page tells them to. Asserted: no 500, no acknowledged check-in lost, none doubled, 503 answers in Vietnamese,
pages work while Redis is down, everyone checked in within the bound, and the next acknowledged check-in
within RECOVERY_SECONDS of the fault. With DOANKET_FAULT_REPORT=file each run appends its figures (JSON
lines) there: bench/RESULTS.md "Faults" is made from them."""

from __future__ import annotations

import http.client
import json
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
INVITED = 100
BOUND_SECONDS = 45  # every code acknowledged within this, faults included
RECOVERY_SECONDS = 10  # the longest wait for the next acknowledged check-in once a fault has begun


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


FAULTS = ["redis-stopped", "redis-refusing-writes", "worker-killed", "database-cut"]


def inject(fault: str, redis_server, proc, cadre_session: str) -> None:
    """Break one thing; what comes back, comes back three seconds later."""
    if fault == "redis-stopped":
        redis_server.stop()
        time.sleep(0.5)
        cadre = Clerk(cadre_session)  # a cadre's page and the public home page while Redis is down
        assert cadre.request("GET", "/quan-ly/don-vi/")[0] == 200, "a logged-in page while Redis is down"
        assert cadre.request("GET", "/")[0] == 200, "the public home page while Redis is down"
        time.sleep(2.5)
        redis_server.start()
    elif fault == "redis-refusing-writes":
        redis_server.refuse_writes()
        time.sleep(3.0)
        redis_server.accept_writes()
    elif fault == "worker-killed":
        workers = children(proc.pid)
        assert workers, "gunicorn has no workers"
        os.kill(workers[0], signal.SIGKILL)  # dies mid-request (its clerks' connections with it); the master starts another
    elif fault == "database-cut":
        for _ in range(3):  # every session of the test database ends, three times (a database restarting)
            cut_connections()
            time.sleep(0.3)


@pytest.mark.parametrize("fault", FAULTS)
# A long function on purpose: one scenario per fault kind, started, broken and checked in sequence.
def test_check_ins_through_a_fault(fault, door, app_server, redis_server):  # noqa: C901
    if fault == "database-cut" and connection.vendor != "postgresql":
        pytest.skip("cuts PostgreSQL connections")
    event, sessions = door
    proc, url, log_path = app_server
    codes = list(Invitation.objects.filter(event=event).values_list("code", flat=True))
    path = f"/quan-ly/su-kien/{event.pk}/diem-danh/"
    statuses: Counter[str] = Counter()
    acknowledged: dict[str, str] = {}
    ack_times: list[float] = []
    problems: list[str] = []
    lock = threading.Lock()
    started = time.monotonic()
    deadline = started + BOUND_SECONDS

    def clerk(n: int) -> None:
        phone = Clerk(sessions[n])
        pending = list(codes[n::CLERKS])
        while pending and time.monotonic() < deadline:
            code = pending[0]
            try:
                status, text = phone.request("POST", path, {"code": code})
            except (http.client.HTTPException, OSError) as exc:
                with lock:
                    statuses[f"connection {type(exc).__name__}"] += 1
                time.sleep(0.2)  # the clerk taps again
                continue
            with lock:
                statuses[str(status)] += 1
            if status == 200 and ("Đã điểm danh:" in text or "đã điểm danh lúc" in text):
                with lock:
                    acknowledged[code] = "retry said already" if "đã điểm danh lúc" in text else "first"
                    ack_times.append(time.monotonic())
                pending.pop(0)
            elif status == 503 and "tạm thời gián đoạn" in text:
                time.sleep(0.3)  # the page said to try again in a moment
            else:
                with lock:
                    problems.append(f"{status}: {text[:300]}")
                time.sleep(0.3)
            time.sleep(0.1)  # the next person steps up

    threads = [threading.Thread(target=clerk, args=(n,)) for n in range(CLERKS)]
    for t in threads:
        t.start()
    while len(ack_times) < INVITED // 5:  # the check-ins are under way (the workers are warm)
        assert time.monotonic() < deadline and not problems, (problems[:3], statuses)
        time.sleep(0.05)
    fault_at = time.monotonic()
    inject(fault, redis_server, proc, sessions[CLERKS])
    for t in threads:
        t.join(BOUND_SECONDS + 30)
    if fault.startswith("redis"):
        # The clerks may be done before Redis is back: a cadre goes on working, and the site finds Redis again on
        # its next use of the cache (a worker probes at most every retry period), within a bounded time.
        # A new connection each time, so that every worker (each keeps its own view of Redis) gets requests.
        until = time.monotonic() + 20
        while "Cache (Redis) is back" not in log_path.read_text() and time.monotonic() < until:
            Clerk(sessions[CLERKS]).request("GET", "/quan-ly/don-vi/")
            time.sleep(0.2)
    log = log_path.read_text()
    stored = stored_check_ins(url, event.pk)
    ack_times.sort()
    after = [t for t in ack_times if t >= fault_at]
    # Recovery: the longest wait between two acknowledged check-ins from the fault on (a clerk's pace is ~0.1 s).
    recovery = max((b - a for a, b in zip([fault_at, *after], after, strict=False)), default=0.0)
    figures = {
        "fault": fault, "database": connection.vendor, "requests": sum(statuses.values()),
        "2xx": sum(n for k, n in statuses.items() if k.startswith("2")),
        "errors": {k: n for k, n in statuses.items() if not k.startswith("2")},
        "acknowledged": len(acknowledged), "stored": len(stored),
        "lost": len(set(acknowledged) - set(stored)), "doubled": sum(1 for n in stored.values() if n > 1),
        "retry said already": sum(1 for v in acknowledged.values() if v != "first"),
        "recovery_s": round(recovery, 2),
        "timeline_s": [round(t - started, 1) for t in ack_times[:: max(1, len(ack_times) // 10)]],
        "fault_at_s": round(fault_at - started, 1),
    }
    print("FAULT", json.dumps(figures, ensure_ascii=False))
    if os.environ.get("DOANKET_FAULT_REPORT"):
        with open(os.environ["DOANKET_FAULT_REPORT"], "a", encoding="utf-8") as fh:
            fh.write(json.dumps(figures, ensure_ascii=False) + "\n")

    assert not problems, problems[:5]
    assert "500" not in statuses, (statuses, log[-3000:])
    assert set(acknowledged) == set(codes), f"not all checked in within {BOUND_SECONDS} s: {statuses}"
    assert figures["lost"] == 0 and set(stored) == set(acknowledged)
    assert figures["doubled"] == 0, stored  # one check-in recorded per person, retries included
    assert recovery < RECOVERY_SECONDS, figures
    if fault.startswith("redis"):
        assert "Cache (Redis) unavailable" in log and "Cache (Redis) is back" in log, log[-3000:]  # the log lines
