"""A Redis server of the tests' own (never the machine's), that a test can stop, start again and make refuse
writes the way a full disk does ("MISCONF"), and the settings that point Django's cache and sessions at it."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest
from django.core.cache import caches

PORT = int(os.environ.get("DOANKET_FAULT_REDIS_PORT", "6391"))
REDIS_SERVER = shutil.which("redis-server")
REDIS_CLI = shutil.which("redis-cli")


def _listening(port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(0.2)
        return s.connect_ex(("127.0.0.1", port)) == 0


class RedisServer:
    def __init__(self, workdir: Path, port: int = PORT) -> None:
        self.workdir, self.port = workdir, port
        self.proc: subprocess.Popen[bytes] | None = None
        self.url = f"redis://127.0.0.1:{port}/0"

    def start(self) -> None:
        assert REDIS_SERVER, "redis-server is not installed"
        # A save point is configured so that a failed snapshot makes Redis refuse writes (MISCONF), as on a
        # full disk; `dir` may be changed at run time only with protected configs enabled (our own server).
        self.proc = subprocess.Popen(  # noqa: S603
            [REDIS_SERVER, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "3600 1000000",
             "--appendonly", "no", "--dir", str(self.workdir), "--enable-protected-configs", "yes",
             "--logfile", str(self.workdir / "redis.log")],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while not _listening(self.port):
            assert time.monotonic() < deadline, "redis-server did not start"
            assert self.proc.poll() is None, (self.workdir / "redis.log").read_text()
            time.sleep(0.05)

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)
        self.proc = None

    def cli(self, *args: str) -> str:
        assert REDIS_CLI
        out = subprocess.run([REDIS_CLI, "-p", str(self.port), *args], capture_output=True, text=True,  # noqa: S603
                             timeout=10, check=True)
        return out.stdout.strip()

    def refuse_writes(self) -> None:
        """A snapshot that cannot be written (as on a full disk): Redis answers writes with MISCONF."""
        self.cli("CONFIG", "SET", "dir", "/proc")
        self.cli("BGSAVE")
        deadline = time.monotonic() + 10
        while "MISCONF" not in self.cli("SET", "doanket-fault-probe", "1"):
            assert time.monotonic() < deadline, "Redis does not refuse writes"
            time.sleep(0.05)

    def accept_writes(self) -> None:
        self.cli("CONFIG", "SET", "dir", str(self.workdir))
        self.cli("BGSAVE")
        deadline = time.monotonic() + 10
        while self.cli("SET", "doanket-fault-probe", "1") != "OK":
            assert time.monotonic() < deadline, "Redis still refuses writes"
            time.sleep(0.05)

    def keys(self) -> int:
        return int(self.cli("DBSIZE"))


@pytest.fixture
def redis_server(tmp_path):
    if not REDIS_SERVER or not REDIS_CLI:
        pytest.skip("needs redis-server and redis-cli")
    if _listening(PORT):
        pytest.skip(f"port {PORT} is taken (set DOANKET_FAULT_REDIS_PORT)")
    workdir = tmp_path / "redis"
    workdir.mkdir()
    server = RedisServer(workdir)
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def redis_cache(redis_server, settings):
    """Django's cache and cached_db sessions on the test's Redis, as in production, with short retry times."""
    settings.CACHES = {"default": {"BACKEND": "doanket.core.cache.RedisCache", "LOCATION": redis_server.url,
                                   "KEY_PREFIX": "doanket"}}
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    settings.DOANKET_CACHE_RETRY_SECONDS = 0.2
    settings.DOANKET_CACHE_PROBE_SECONDS = 0.2
    from doanket.core import cache as core_cache

    core_cache._health.clear()
    yield redis_server
    caches["default"].close()
    core_cache._health.clear()
