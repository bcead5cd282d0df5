"""Health endpoints for the load balancer and systemd (docs/PRODUCTION.md "Health checks"): /healthz
(liveness) and /readyz (database, cache, queue, storage)."""

from __future__ import annotations

import secrets
import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


def _check(probe: Callable[[], Any]) -> dict[str, Any]:
    """Run one probe, timed; a failure is reported by its kind only (no host names or passwords)."""
    started = time.monotonic()
    try:
        detail = probe()
    except Exception as exc:  # any failure of a dependency is a failed check, never a 500
        return {"ok": False, "error": type(exc).__name__, "ms": round((time.monotonic() - started) * 1000, 1)}
    result = {"ok": True, "ms": round((time.monotonic() - started) * 1000, 1)}
    if detail:
        result["detail"] = detail
    return result


def _database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def _cache() -> str | None:
    from .cache import PROBE_KEY, RedisCache

    real = caches["default"]
    if isinstance(real, RedisCache):
        real._writer().set(real.make_key(PROBE_KEY), b"1", ex=60)  # raises while down or refusing writes
        return None if real.health.available else "recovering"
    key = f"doanket:readyz:{secrets.token_hex(4)}"
    real.set(key, 1, 10)
    if real.get(key) != 1:
        raise RuntimeError("cache does not keep what it is given")
    real.delete(key)
    return None


def _queue() -> str | None:
    from .jobs import QUEUE, queue_configured

    if not queue_configured():
        return "not configured: jobs run inside the request"
    import redis

    url = settings.RQ_QUEUES[QUEUE]["URL"]  # type: ignore[misc]  # set by production settings with the queue
    redis.Redis.from_url(url, socket_connect_timeout=0.5, socket_timeout=1.0).ping()
    return None


def _storage() -> None:
    name = default_storage.save(f"private/readyz/{secrets.token_hex(8)}.txt", ContentFile(b"ok"))
    default_storage.delete(name)


@never_cache
@require_GET
def healthz(request: HttpRequest) -> HttpResponse:
    """Liveness: the process answers requests. Touches nothing else (a database outage must not make
    systemd or the orchestrator restart healthy app servers)."""
    return HttpResponse("ok\n", content_type="text/plain; charset=utf-8")


@never_cache
@require_GET
def readyz(request: HttpRequest) -> HttpResponse:
    """Readiness, with each dependency checked: 503 when this server cannot do its work (the database or the
    upload storage fails); 200 "degraded" when only the cache or the job queue fails — the site works
    without them (slower; long jobs wait), and they are shared by every app server anyway."""
    checks = {"database": _check(_database), "cache": _check(_cache), "queue": _check(_queue),
              "storage": _check(_storage)}
    if not (checks["database"]["ok"] and checks["storage"]["ok"]):
        status = "down"
    elif not (checks["cache"]["ok"] and checks["queue"]["ok"]):
        status = "degraded"
    else:
        status = "ok"
    return JsonResponse({"status": status, "checks": checks}, status=503 if status == "down" else 200)
