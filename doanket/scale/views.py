"""Views for the benchmark only, mounted under /bench/ when DOANKET_BENCH_VIEWS is on (never in production).

`bytes/<n>/` answers n bytes of HTML from memory through the same middleware as every page: the
ceiling a page of that size could reach on this server, to compare the real pages with."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse

_BODIES: dict[int, bytes] = {}
MAX_BYTES = 5 * 1024 * 1024


def fixed_bytes(request: HttpRequest, n: int) -> HttpResponse:
    n = min(n, MAX_BYTES)
    body = _BODIES.get(n)
    if body is None:
        filler = b"<!doctype html><title>bench</title>" + b"x" * n
        body = _BODIES.setdefault(n, filler[:n])
    return HttpResponse(body, content_type="text/html; charset=utf-8")
