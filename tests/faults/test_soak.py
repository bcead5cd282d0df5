"""A soak on loopback, bounded in time: many concurrent cadres mixing reads and writes against the app
served by gunicorn (as in production: `--workers 2 --threads 4`), on a copy of the test database (SQLite
file or the PostgreSQL test database). Zero server errors, zero failed requests, every acknowledged write
stored, and the workers' memory stays within a bound."""

from __future__ import annotations

import http.client
import json
import os
import random
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from collections import Counter
from http.cookies import SimpleCookie
from pathlib import Path

import pytest
from django.db import connection
from django.test import Client

from doanket.people.models import Person

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]

SECONDS = float(os.environ.get("DOANKET_SOAK_SECONDS", "20"))
CLIENTS = 8
RSS_GROWTH_LIMIT_MB = 40  # over the second half of the run, both workers together
ROOT = Path(__file__).resolve().parents[2]
GUNICORN = Path(sys.executable).parent / "gunicorn"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_mb(pids: list[int]) -> float:
    total = 0.0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/status", encoding="ascii") as fh:
                total += next(int(line.split()[1]) for line in fh if line.startswith("VmRSS:")) / 1024
        except (OSError, StopIteration):
            pass
    return total


def children(pid: int) -> list[int]:
    try:
        return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def database_url(tmp_path: Path) -> str:
    """The test database as the server subprocess can open it."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        copy = tmp_path / "soak.sqlite3"
        connection.ensure_connection()
        with sqlite3.connect(copy) as dest:
            connection.connection.backup(dest)
        dest.close()
        return f"sqlite:///{copy}"
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    host, port = db.get("HOST") or "127.0.0.1", db.get("PORT") or 5432
    return f"postgres://{db.get('USER') or 'postgres'}{password}@{host}:{port}/{db['NAME']}"


class Cadre:
    """One simulated user: a keep-alive HTTP connection, a session cookie and a CSRF token."""

    def __init__(self, port: int, session_cookie: str) -> None:
        self.port = port
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        self.cookies = {"sessionid": session_cookie}
        status, _body = self.request("GET", "/tai-khoan/dang-nhap/")
        assert status == 200 and "csrftoken" in self.cookies

    def request(self, method: str, path: str, body: dict | None = None) -> tuple[int, bytes]:
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()), "Host": "127.0.0.1"}
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers |= {"Content-Type": "application/json", "X-CSRFToken": self.cookies.get("csrftoken", "")}
        try:
            self.conn.request(method, path, body=data, headers=headers)
            resp = self.conn.getresponse()
        except (http.client.HTTPException, OSError):  # the server closed an idle keep-alive connection
            self.conn.close()
            self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
            self.conn.request(method, path, body=data, headers=headers)
            resp = self.conn.getresponse()
        payload = resp.read()
        for header in resp.headers.get_all("Set-Cookie") or []:
            for key, morsel in SimpleCookie(header).items():
                self.cookies[key] = morsel.value
        return resp.status, payload


@pytest.fixture
def server(tmp_path, people, users, tree):
    login = Client()
    login.force_login(users.district)  # the session row must exist before the SQLite copy is made
    session_cookie = login.cookies["sessionid"].value
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    env |= {"DJANGO_SETTINGS_MODULE": "config.settings.test", "DATABASE_URL": database_url(tmp_path),
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1", "DJANGO_MEDIA_ROOT": str(tmp_path / "media")}
    log = (tmp_path / "gunicorn.log").open("w")
    proc = subprocess.Popen([str(GUNICORN), "config.wsgi", "--no-control-socket", "--workers", "2",  # noqa: S603
                             "--threads", "4", "--bind", f"127.0.0.1:{port}", "--timeout", "60"],
                            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        for _ in range(100):
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                    break
            except OSError:
                time.sleep(0.1)
        yield proc, port, session_cookie, env["DATABASE_URL"], tmp_path
    finally:
        proc.terminate()
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


def test_concurrent_reads_and_writes_without_errors_and_with_stable_memory(server, people, users, tree):  # noqa: C901  # one scenario read top to bottom: workers, their loop, the checks
    proc, port, session_cookie, url, tmp_path = server
    reads = ["/quan-ly/don-vi/", f"/quan-ly/don-vi/{tree.district.pk}/", "/quan-ly/nguoi/?q=duc",
             f"/quan-ly/nguoi/{people.thao.pk}/", "/api/people?page_size=20", "/api/units", "/",
             f"/quan-ly/don-vi/{tree.district.pk}/truc-thuoc/", "/binh-chon/"]
    statuses: Counter[int] = Counter()
    failures: list[str] = []
    created: list[int] = []
    lock = threading.Lock()
    deadline = time.monotonic() + SECONDS

    def run(n: int) -> None:
        rng = random.Random(n)
        try:
            cadre = Cadre(port, session_cookie)
        except Exception as exc:
            with lock:
                failures.append(f"client {n}: {exc!r}")
            return
        i = 0
        while time.monotonic() < deadline:
            i += 1
            try:
                if rng.random() < 0.2:
                    status, body = cadre.request("POST", "/api/people", {
                        "full_name": f"Người Thử Tải {n} {i}", "unit": tree.khuong_mai.pk, "phone": f"09{n:02d}{i:06d}"})
                    if status == 201:
                        with lock:
                            created.append(json.loads(body)["id"])
                else:
                    status, _ = cadre.request("GET", rng.choice(reads))
            except Exception as exc:
                with lock:
                    failures.append(f"client {n}: {exc!r}")
                continue
            with lock:
                statuses[status] += 1

    warm = Cadre(port, session_cookie)  # imports, caches, first connections of both workers
    for path in reads * 4:
        warm.request("GET", path)
    workers = children(proc.pid)
    rss_start = rss_mb(workers)
    threads = [threading.Thread(target=run, args=(n,)) for n in range(CLIENTS)]
    for t in threads:
        t.start()
    # Memory is compared between the middle and the end of the run: the first half warms every thread of
    # every worker up (a growth that then stops); a leak keeps growing in the second half.
    time.sleep(SECONDS / 2)
    rss_before = rss_mb(workers)
    for t in threads:
        t.join(SECONDS + 60)
    rss_after = rss_mb(workers)
    log = (tmp_path / "gunicorn.log").read_text()

    total = sum(statuses.values())
    print(f"soak: {total} requests in {SECONDS:g} s, {dict(statuses)}, "
          f"workers' RSS {rss_start:.0f} → {rss_before:.0f} → {rss_after:.0f} MB")
    assert not failures, failures[:5]
    assert total > 100, statuses
    assert set(statuses) <= {200, 201}, (statuses, log[-3000:])
    assert children(proc.pid) == workers, "a worker died and was replaced"
    assert rss_after - rss_before < RSS_GROWTH_LIMIT_MB, (rss_before, rss_after)
    # Every acknowledged write is stored.
    assert created
    if connection.vendor == "sqlite":
        with sqlite3.connect(url.removeprefix("sqlite:///")) as db:
            marks = ",".join("?" * len(created))
            stored = db.execute(f"SELECT COUNT(*) FROM people_person WHERE id IN ({marks})", created).fetchone()[0]  # noqa: S608
        db.close()
    else:
        connection.close()
        stored = Person.objects.filter(pk__in=created).count()
    assert stored == len(created)
