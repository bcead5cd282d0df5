"""HTTP on loopback for the benchmark: a small client with cookies and CSRF, sequential latency
samples, a closed-loop Python load generator (threads + http.client), and a wrapper around wrk.

Only the standard library: the suite must run on a fresh machine before anything else is installed.
"""

from __future__ import annotations

import http.client
import re
import shutil
import statistics
import subprocess
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import urlencode

CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    body: bytes
    seconds: float

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")


class Client:
    """One user's browser: cookies kept between requests, CSRF token from the last form seen."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.cookies: dict[str, str] = {}
        self.csrf = ""

    def request(self, method: str, path: str, *, data: dict[str, str] | None = None,
                headers: dict[str, str] | None = None, timeout: float = 60.0) -> Response:
        hdrs = {"Host": f"{self.host}:{self.port}", "Accept-Language": "vi", **(headers or {})}
        if self.cookies:
            hdrs["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if data is not None:
            body = urlencode(data).encode()
            hdrs["Content-Type"] = "application/x-www-form-urlencoded"
            if self.cookies.get("csrftoken"):
                hdrs["X-CSRFToken"] = self.csrf or self.cookies["csrftoken"]
        conn = http.client.HTTPConnection(self.host, self.port, timeout=timeout)
        start = time.perf_counter()
        try:
            conn.request(method, path, body=body, headers=hdrs)
            resp = conn.getresponse()
            payload = resp.read()
            elapsed = time.perf_counter() - start
            for raw in resp.headers.get_all("Set-Cookie") or []:
                cookie = SimpleCookie()
                cookie.load(raw)
                for key, morsel in cookie.items():
                    if morsel.value:
                        self.cookies[key] = morsel.value
                    else:
                        self.cookies.pop(key, None)
            result = Response(resp.status, {k.lower(): v for k, v in resp.getheaders()}, payload, elapsed)
        finally:
            conn.close()
        found = CSRF_INPUT.search(result.text) if result.headers.get("content-type", "").startswith("text/html") \
            else None
        if found:
            self.csrf = found.group(1)
        return result

    def get(self, path: str, **kw: Any) -> Response:
        return self.request("GET", path, **kw)

    def post(self, path: str, data: dict[str, str], **kw: Any) -> Response:
        return self.request("POST", path, data={"csrfmiddlewaretoken": self.csrf, **data}, **kw)

    def login(self, username: str, password: str, path: str = "/tai-khoan/dang-nhap/") -> None:
        self.get(path)
        response = self.post(path, {"username": username, "password": password})
        if response.status != 302 or "sessionid" not in self.cookies:
            raise RuntimeError(f"login of {username} failed: HTTP {response.status}")


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile (p in 0–100) of the samples."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(p / 100 * len(ordered) + 0.5)))
    return ordered[rank - 1]


@dataclass
class Latency:
    samples: list[float] = field(default_factory=list)  # milliseconds
    statuses: dict[int, int] = field(default_factory=dict)
    bytes: int = 0

    def summary(self) -> dict[str, Any]:
        s = self.samples
        return {"n": len(s), "median_ms": round(statistics.median(s), 2) if s else None,
                "p99_ms": round(percentile(s, 99), 2) if s else None, "min_ms": round(min(s), 2) if s else None,
                "mean_ms": round(statistics.fmean(s), 2) if s else None, "statuses": self.statuses,
                "bytes": self.bytes}


def sample(client: Client, path: str, *, n: int, warmup: int = 3, budget_s: float = 30.0, min_n: int = 5,
           expect: Iterable[int] = (200,)) -> Latency:
    """Sequential requests (one at a time): latency as a user sees it, without queueing."""
    out = Latency()
    for _i in range(warmup):
        if client.get(path).seconds > 1.0:  # a slow page: one warm-up is enough
            break
    deadline = time.perf_counter() + budget_s
    for i in range(n):
        r = client.get(path)
        out.samples.append(r.seconds * 1000)
        out.statuses[r.status] = out.statuses.get(r.status, 0) + 1
        out.bytes = len(r.body)
        if r.status not in expect:
            raise RuntimeError(f"{path}: HTTP {r.status}")
        if i + 1 >= min_n and time.perf_counter() > deadline:
            break
    return out


# -- throughput --------------------------------------------------------------------------------------
@dataclass
class Throughput:
    tool: str
    url: str
    seconds: float
    requests: int
    errors: int
    rps: float
    p50_ms: float | None
    p99_ms: float | None

    def as_dict(self) -> dict[str, Any]:
        return {k: (round(v, 2) if isinstance(v, float) else v) for k, v in self.__dict__.items()}


def ensure_wrk(install: bool = True) -> str | None:
    """wrk from Debian's package, installed with apt-get when missing (as root, or with sudo)."""
    found = shutil.which("wrk")
    if found or not install:
        return found
    sudo = [] if _is_root() else (["sudo", "-n"] if shutil.which("sudo") else None)
    if sudo is None or not shutil.which("apt-get"):
        return None
    for cmd in ([*sudo, "apt-get", "install", "-y", "-q", "wrk"],
                [*sudo, "apt-get", "update", "-q"], [*sudo, "apt-get", "install", "-y", "-q", "wrk"]):
        subprocess.run(cmd, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # noqa: S603
        if shutil.which("wrk"):
            break
    return shutil.which("wrk")


def _is_root() -> bool:
    import os

    return os.geteuid() == 0


_WRK_LAT = re.compile(r"^\s+(50|99)(?:\.0+)?%\s+([\d.]+)(us|ms|s)\s*$", re.M)


def _to_ms(value: str, unit: str) -> float:
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def run_wrk(wrk: str, url: str, *, seconds: int, connections: int, threads: int = 1) -> Throughput:
    out = subprocess.run([wrk, f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "10s",  # noqa: S603
                          url], check=True, capture_output=True, text=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    total = int(re.search(r"(\d+) requests in", out).group(1))  # type: ignore[union-attr]
    non2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    sock = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    errors = (int(non2xx.group(1)) if non2xx else 0) + (sum(int(g) for g in sock.groups()) if sock else 0)
    lat = {m.group(1): _to_ms(m.group(2), m.group(3)) for m in _WRK_LAT.finditer(out)}
    return Throughput("wrk", url, seconds, total, errors, rps, lat.get("50"), lat.get("99"))


def run_python(host: str, port: int, path: str, *, seconds: int, connections: int,
               headers: dict[str, str] | None = None) -> Throughput:
    """Closed loop: `connections` threads, each sending the next request when the last one answered."""
    stop = time.perf_counter() + seconds
    lock = threading.Lock()
    samples: list[float] = []
    errors = [0]

    def worker() -> None:
        mine: list[float] = []
        bad = 0
        while time.perf_counter() < stop:
            conn = http.client.HTTPConnection(host, port, timeout=10)
            start = time.perf_counter()
            try:
                conn.request("GET", path, headers={"Host": f"{host}:{port}", **(headers or {})})
                resp = conn.getresponse()
                resp.read()
                if resp.status >= 400:
                    bad += 1
                mine.append((time.perf_counter() - start) * 1000)
            except OSError:
                bad += 1
            finally:
                conn.close()
        with lock:
            samples.extend(mine)
            errors[0] += bad

    started = time.perf_counter()
    threads = [threading.Thread(target=worker) for _i in range(connections)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - started
    return Throughput("python", f"http://{host}:{port}{path}", elapsed, len(samples), errors[0],
                      len(samples) / elapsed, percentile(samples, 50), percentile(samples, 99))


def concurrently(workers: int, fn: Callable[[int], None]) -> float:
    """Run fn(i) in `workers` threads; the wall time."""
    started = time.perf_counter()
    threads = [threading.Thread(target=fn, args=(i,)) for i in range(workers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return time.perf_counter() - started
